import { defineCiValues, defineService } from "@homelab/chart-kit";

// A draft imported by `homelab-chart import` from adguard-home.yaml: the Compose service adguardhome.
// Every TODO is a decision to confirm; then delete the TODOs and this header.
//
// Not imported, or needs a person (also printed by the import):
// - services.adguardhome.restart: not imported: Kubernetes restarts failed containers itself

/** Adguardhome. TODO: link the upstream docs the values come from. */
export default defineService({
  name: "adguardhome",
  description: "Adguardhome: TODO: what it does, in one sentence.",
  // TODO: confirm: guessed from the image.
  home: "https://hub.docker.com/r/adguard/adguardhome",
  // TODO: a few words people search Artifact Hub with.
  keywords: ["homelab"],
  // Departures from the secure defaults the Compose file asked for; each reason is printed in the chart's
  // README. TODO: confirm each one (the build refuses undeclared and unused ones).
  exceptions: [
    {
      kind: "capabilities",
      controller: "main",
      container: "main",
      reason: "TODO: confirm: NET_BIND_SERVICE: binds port 53, 67, 68, 80, 443, 784, 853 (below 1024) " +
        "with every other capability dropped",
    },
  ],
  values: {
    controllers: {
      // The Compose service adguardhome.
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
            image: { repository: "docker.io/adguard/adguardhome", tag: "v0.107.57" },
            // TODO: Compose had no healthcheck: a TCP check of http as a start; use the service's health
            // endpoint if it has one.
            probes: { liveness: { type: "tcp", port: "http" }, readiness: { type: "tcp", port: "http" } },
            // TODO: size from the service's docs: placeholders.
            resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "1Gi" } },
            securityContext: { capabilities: { add: ["NET_BIND_SERVICE"] } },
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
          // TODO: DHCP works by broadcast or multicast on the LAN: it needs the host network (hostNetwork:
          // true and its exception), not a Service.
          dhcp: { port: 67, protocol: "UDP" },
          // TODO: DHCP works by broadcast or multicast on the LAN: it needs the host network (hostNetwork:
          // true and its exception), not a Service.
          "dhcp-client": { port: 68, protocol: "UDP" },
          "https-tcp": { port: 443 },
          "https-udp": { port: 443, protocol: "UDP" },
          "tcp-3000": { port: 3000 },
          "dns-tls-tcp": { port: 853 },
          "dns-tls-udp": { port: 853, protocol: "UDP" },
          "udp-784": { port: 784, protocol: "UDP" },
          "udp-8853": { port: 8853, protocol: "UDP" },
          "tcp-5443": { port: 5443 },
          "udp-5443": { port: 5443, protocol: "UDP" },
        },
      },
    },
    ingress: {
      // TODO: the host name the web UI is served at (http, port 80).
      main: {
        hosts: [
          {
            host: "adguardhome.home.arpa",
            paths: [{ path: "/", service: { identifier: "main", port: "http" } }],
          },
        ],
      },
    },
    persistence: {
      // TODO: Compose bind-mounted ./work: a new claim starts empty. Copy the data in, or reuse it with
      // existingClaim, nfs or hostPath (with an exception).
      // TODO: size: a placeholder (Compose volumes have none); give what the data needs.
      work: { type: "persistentVolumeClaim", size: "1Gi", globalMounts: [{ path: "/opt/adguardhome/work" }] },
      // TODO: Compose bind-mounted ./conf: a new claim starts empty. Copy the data in, or reuse it with
      // existingClaim, nfs or hostPath (with an exception).
      // TODO: size: a placeholder (Compose volumes have none); give what the data needs.
      conf: { type: "persistentVolumeClaim", size: "1Gi", globalMounts: [{ path: "/opt/adguardhome/conf" }] },
      // The root filesystem is read-only: most images need a writable /tmp.
      tmp: { type: "emptyDir", globalMounts: [{ path: "/tmp" }] },
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
            host: "adguardhome.example.org",
            paths: [{ path: "/", service: { identifier: "main", port: "http" } }],
          },
        ],
        tls: [{ hosts: ["adguardhome.example.org"], secretName: "adguardhome-tls" }],
      },
    },
    persistence: { work: { size: "4Gi" } },
  },
});

