import { defineCiValues, defineService } from "@homelab/chart-kit";

// A draft imported by `homelab-chart import` from pihole.yaml: the Compose service pihole.
// Every TODO is a decision to confirm; then delete the TODOs and this header.
//
// Not imported, or needs a person (also printed by the import):
// - services.pihole.container_name: not imported: objects are named after the release
// - services.pihole.restart: not imported: Kubernetes restarts failed containers itself
// - services.pihole.image: "pihole/pihole:latest" is not pinned: its tag "latest" moves with every release.
//   The draft has tag "latest", which the build refuses until you pin a release

/** Pihole. TODO: link the upstream docs the values come from. */
export default defineService({
  name: "pihole",
  description: "Pihole: TODO: what it does, in one sentence.",
  // TODO: confirm: guessed from the image.
  home: "https://hub.docker.com/r/pihole/pihole",
  // TODO: a few words people search Artifact Hub with.
  keywords: ["homelab"],
  // Departures from the secure defaults the Compose file asked for; each reason is printed in the chart's
  // README. TODO: confirm each one (the build refuses undeclared and unused ones).
  exceptions: [
    {
      kind: "capabilities",
      controller: "main",
      container: "main",
      reason: "TODO: confirm: NET_ADMIN: Compose added it (configures network interfaces or serves " +
        "DHCP); SYS_TIME: Compose added it (sets the clock); SYS_NICE: Compose added it (changes " +
        "process priorities); NET_BIND_SERVICE: binds port 53, 67, 80, 443 (below 1024) with every " +
        "other capability dropped",
    },
  ],
  values: {
    controllers: {
      // The Compose service pihole.
      main: {
        pod: {
          // TODO: Compose ran the image's own user (often root); the chart runs as 1000:1000. Check the
          // image's USER: an image that must start as root needs runAsNonRoot: false, runAsUser: 0 and a
          // runAsRoot exception.
          securityContext: { runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000 },
        },
        containers: {
          // TODO: the root filesystem is read-only here (Compose's was writable): if the image writes outside
          // its volumes, mount an emptyDir there, or set securityContext.readOnlyRootFilesystem: false with a
          // writableRootFilesystem exception.
          // Docker gave the container its default capabilities (CHOWN, SETUID, SETGID, ...); the chart drops
          // all. TODO: an image that switches users at start (s6-overlay, gosu, su-exec) needs those it uses,
          // declared as a capabilities exception.
          main: {
            // TODO: pin a release: Compose had "pihole/pihole:latest" (its tag "latest" moves with every
            // release); the build refuses "latest".
            image: { repository: "docker.io/pihole/pihole", tag: "latest" },
            env: {
              TZ: "Europe/London",
              // TODO: confirm it is a secret: the Secret "app" generates FTLCONF_webserver_api_password (32
              // characters) at install; the value in the Compose file is left out of this draft. A value the
              // service needs in a given format: set it in secrets.app.stringData instead.
              FTLCONF_webserver_api_password: {
                valueFrom: { secretKeyRef: { identifier: "app", key: "FTLCONF_webserver_api_password" } },
              },
              FTLCONF_dns_listeningMode: "all",
            },
            // TODO: Compose had no healthcheck: a TCP check of http as a start; use the service's health
            // endpoint if it has one.
            probes: { liveness: { type: "tcp", port: "http" }, readiness: { type: "tcp", port: "http" } },
            // TODO: size from the service's docs: placeholders.
            resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "1Gi" } },
            securityContext: {
              capabilities: { add: ["NET_ADMIN", "SYS_TIME", "SYS_NICE", "NET_BIND_SERVICE"] },
            },
          },
        },
      },
    },
    service: {
      main: {
        controller: "main",
        ports: {
          // The web UI (TODO: confirm): Compose published it as 80; the ingress below serves it now.
          http: { port: 80 },
        },
      },
      // Compose published these ports on the host's addresses: a LoadBalancer Service (k3s's ServiceLB)
      // serves them on the nodes' addresses. TODO: confirm, or use type NodePort.
      lan: {
        controller: "main",
        type: "LoadBalancer",
        ports: {
          "dns-tcp": { port: 53 },
          "dns-udp": { port: 53, protocol: "UDP" },
          https: { port: 443 },
          // TODO: DHCP works by broadcast or multicast on the LAN: it needs the host network (hostNetwork:
          // true and its exception), not a Service.
          dhcp: { port: 67, protocol: "UDP" },
        },
      },
    },
    ingress: {
      // TODO: the host name the web UI is served at (http, port 80).
      main: {
        hosts: [
          { host: "pihole.home.arpa", paths: [{ path: "/", service: { identifier: "main", port: "http" } }] },
        ],
      },
    },
    persistence: {
      // TODO: Compose bind-mounted ./etc-pihole: a new claim starts empty. Copy the data in, or reuse it with
      // existingClaim, nfs or hostPath (with an exception).
      // TODO: size: a placeholder (Compose volumes have none); give what the data needs.
      pihole: { type: "persistentVolumeClaim", size: "1Gi", globalMounts: [{ path: "/etc/pihole" }] },
      // TODO: Compose bind-mounted ./etc-dnsmasq.d: a new claim starts empty. Copy the data in, or reuse it
      // with existingClaim, nfs or hostPath (with an exception).
      // TODO: size: a placeholder (Compose volumes have none); give what the data needs.
      "dnsmasq-d": { type: "persistentVolumeClaim", size: "1Gi", globalMounts: [{ path: "/etc/dnsmasq.d" }] },
      // The root filesystem is read-only: most images need a writable /tmp.
      tmp: { type: "emptyDir", globalMounts: [{ path: "/tmp" }] },
    },
    secrets: {
      // Generated once at install and kept across upgrades (see the env comments).
      app: { generate: { FTLCONF_webserver_api_password: { length: 32 } } },
    },
  },
});

/** Representative values: TODO: what another homelab changes. */
export const ciValues = defineCiValues({
  // TODO: another homelab's realistic choices; helm lint and the render tests check them.
  representative: {
    ingress: {
      main: {
        hosts: [
          {
            host: "pihole.example.org",
            paths: [{ path: "/", service: { identifier: "main", port: "http" } }],
          },
        ],
        tls: [{ hosts: ["pihole.example.org"], secretName: "pihole-tls" }],
      },
    },
    persistence: { pihole: { size: "4Gi" } },
  },
});

