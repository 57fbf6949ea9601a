import {
  defineCiValues,
  defineService,
  generatedSecret,
  hostIngress,
  runAsRoot,
  secretEnv,
  volumeClaim,
} from "@homelab/chart-kit";

/**
 * Pi-hole v6 (FTL with its built-in web server). https://github.com/pi-hole/docker-pi-hole,
 * https://docs.pi-hole.net/docker/configuration/
 *
 * - Tags are the date-based release names; configuration is FTLCONF_* variables (arrays `;`-separated).
 * - Pod Security baseline, not restricted: the image's start.sh must run as root (it edits /etc and
 *   /crontab.txt, starts crond, runs gravity, then `setcap`s pihole-FTL and starts it with
 *   `capsh --user=pihole`), so the root filesystem stays writable. FTL itself runs as the pihole user (uid
 *   1000) and gets CHOWN and NET_BIND_SERVICE from file capabilities, which no_new_privs would ignore: hence
 *   allowPrivilegeEscalation. The capabilities added are all in baseline's set; NET_ADMIN (DHCP, which also
 *   needs the host network) and SYS_NICE/SYS_TIME are left out. The README warns against --privileged.
 *   (Setting DNSMASQ_USER=root would avoid privilege escalation, but then FTL, which parses DNS from the
 *   network, runs as root.)
 * - DNS: 53 TCP and UDP on the `dns` LoadBalancer Service. On k3s ServiceLB publishes 53 on the nodes, so it
 *   must be free there (systemd-resolved on 127.0.0.53 does not conflict). externalTrafficPolicy Local keeps
 *   client IPs for per-client statistics. FTLCONF_dns_listeningMode=ALL: queries arrive from outside the pod
 *   network.
 * - Web: FTL serves the UI on 80 at /admin (FTLCONF_webserver_port "80" turns off the self-signed 443
 *   listener); the password is generated once (Secret `admin`, key WEB_PASSWORD).
 * - Upstreams: Quad9 by default; choose per site. The weekly gravity update runs from crond inside the
 *   container, so no CronJob. The liveness probe is the image's own HEALTHCHECK (dig pi.hole on 127.0.0.1).
 */
export default defineService({
  name: "pihole",
  description: "Pi-hole: network-wide DNS sinkhole that blocks ads and trackers for every device at home.",
  home: "https://pi-hole.net",
  sources: ["https://github.com/pi-hole/docker-pi-hole", "https://github.com/pi-hole/FTL"],
  icon: "https://pi-hole.github.io/graphics/Vortex/vortex_with_text.svg",
  keywords: ["dns", "adblock", "privacy", "homelab"],
  exceptions: [
    {
      kind: "runAsRoot",
      controller: "main",
      reason: "the image's start.sh runs as root (crond, gravity, setcap) and starts FTL as the pihole user",
    },
    {
      kind: "writableRootFilesystem",
      controller: "main",
      container: "main",
      reason: "start.sh rewrites /crontab.txt and setcaps the pihole-FTL binary at every start",
    },
    {
      kind: "capabilities",
      controller: "main",
      container: "main",
      reason:
        "setcap gives FTL NET_BIND_SERVICE for DNS on 53 (SETFCAP); the root script fixes /etc/pihole " +
        "ownership (CHOWN, FOWNER, DAC_OVERRIDE), drops to pihole with capsh (SETUID, SETGID, SETPCAP) " +
        "and stops FTL (KILL)",
    },
    {
      kind: "privilegeEscalation",
      controller: "main",
      container: "main",
      reason: "FTL runs as the pihole user with file capabilities, which no_new_privs would ignore",
    },
  ],
  values: {
    controllers: {
      main: {
        pod: { securityContext: runAsRoot() },
        containers: {
          main: {
            image: { repository: "docker.io/pihole/pihole", tag: "2026.07.2" },
            env: {
              TZ: "Etc/UTC",
              FTLCONF_dns_listeningMode: "ALL",
              FTLCONF_dns_upstreams: "9.9.9.9;149.112.112.112",
              FTLCONF_webserver_port: "80",
              FTLCONF_webserver_api_password: secretEnv("admin", "WEB_PASSWORD"),
            },
            securityContext: {
              allowPrivilegeEscalation: true,
              readOnlyRootFilesystem: false,
              capabilities: {
                drop: ["ALL"],
                add: [
                  "CHOWN",
                  "DAC_OVERRIDE",
                  "FOWNER",
                  "KILL",
                  "NET_BIND_SERVICE",
                  "SETFCAP",
                  "SETGID",
                  "SETPCAP",
                  "SETUID",
                ],
              },
            },
            probes: {
              startup: { type: "tcp", port: "dns-tcp", spec: { periodSeconds: 5, failureThreshold: 60 } },
              liveness: {
                type: "exec",
                command: ["dig", "-p", "53", "+short", "+norecurse", "+retry=0", "@127.0.0.1", "pi.hole"],
                spec: { timeoutSeconds: 5 },
              },
              readiness: { type: "tcp", port: "dns-tcp" },
            },
            resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "512Mi" } },
          },
        },
      },
    },
    service: {
      main: { controller: "main", ports: { http: { port: 80 } } },
      dns: {
        controller: "main",
        type: "LoadBalancer",
        externalTrafficPolicy: "Local",
        ports: { "dns-tcp": { port: 53, protocol: "TCP" }, "dns-udp": { port: 53, protocol: "UDP" } },
      },
    },
    ingress: { main: hostIngress({ host: "pihole.home.arpa" }) },
    persistence: {
      "etc-pihole": volumeClaim({ size: "1Gi", path: "/etc/pihole" }),
    },
    secrets: { admin: generatedSecret({ WEB_PASSWORD: 24 }) },
  },
});

/** Representative values: other upstreams, dnsmasq.d snippets on a claim, a fixed load balancer IP, TLS. */
export const ciValues = defineCiValues({
  representative: {
    controllers: {
      main: {
        containers: {
          main: {
            env: {
              TZ: "Europe/London",
              FTLCONF_dns_upstreams: "1.1.1.1;1.0.0.1",
              FTLCONF_misc_etc_dnsmasq_d: "true",
            },
          },
        },
      },
    },
    service: { dns: { loadBalancerIP: "192.168.1.53" } },
    persistence: {
      "dnsmasq-d": volumeClaim({ size: "64Mi", path: "/etc/dnsmasq.d" }),
    },
    ingress: { main: hostIngress({ host: "dns.example.org", tlsSecret: "dns-tls" }) },
  },
});
