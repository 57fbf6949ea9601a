import {
  defineCiValues,
  defineService,
  emptyDir,
  hostIngress,
  httpProbes,
  volumeClaim,
} from "@homelab/chart-kit";

/**
 * Syncthing. https://github.com/syncthing/syncthing/blob/main/README-Docker.md,
 * https://docs.syncthing.net/users/firewall.html
 *
 * - The image runs Syncthing as uid/gid 1000; started as non-root, its entrypoint execs Syncthing directly
 *   (no su-exec, no setcap), so uid 1000 with a read-only root filesystem works. HOME (/var/syncthing) and
 *   STHOMEDIR (/var/syncthing/config) are on the `data` claim.
 * - Ports: the GUI/REST API (8384) behind the ingress; the sync protocol (22000 TCP, and UDP for QUIC) and
 *   local discovery (21027 UDP) on the `sync` LoadBalancer Service. Local discovery is broadcast-based and
 *   does not really cross a load balancer: give LAN devices the address `tcp://<load balancer IP>:22000`
 *   (or rely on global discovery and relays). The README's host-network alternative is not used.
 * - The README recommends `net.core.rmem_max=2097152` for QUIC buffers; that sysctl is not namespaced, so it
 *   belongs in node setup, not the chart (Syncthing only logs a warning without it).
 * - The GUI listens on 0.0.0.0:8384 (the image default) with no login until you set one: set a GUI
 *   user and password on first login, or protect the ingress with Authelia.
 * - More folders: mount them under /var/syncthing/<name> (nfs or an existing claim, as in the
 *   representative values); they must be writable by uid/gid 1000.
 */
export default defineService({
  name: "syncthing",
  description:
    "Syncthing: continuous peer-to-peer file synchronization between your devices, without a cloud.",
  home: "https://syncthing.net",
  sources: ["https://github.com/syncthing/syncthing"],
  icon: "https://raw.githubusercontent.com/syncthing/syncthing/main/assets/logo-256.png",
  keywords: ["sync", "files", "p2p", "backup", "homelab"],
  values: {
    controllers: {
      main: {
        containers: {
          main: {
            image: { repository: "docker.io/syncthing/syncthing", tag: "2.1.3" },
            env: { STGUIADDRESS: "0.0.0.0:8384" },
            probes: httpProbes({
              path: "/rest/noauth/health",
              startup: { periodSeconds: 5, failureThreshold: 60 },
            }),
            resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "1Gi" } },
          },
        },
      },
    },
    service: {
      main: { controller: "main", ports: { http: { port: 8384 } } },
      sync: {
        controller: "main",
        type: "LoadBalancer",
        externalTrafficPolicy: "Local",
        ports: {
          "sync-tcp": { port: 22000, protocol: "TCP" },
          "sync-udp": { port: 22000, protocol: "UDP" },
          discovery: { port: 21027, protocol: "UDP" },
        },
      },
    },
    ingress: { main: hostIngress({ host: "syncthing.home.arpa" }) },
    persistence: {
      data: volumeClaim({ size: "50Gi", path: "/var/syncthing" }),
      tmp: emptyDir({ path: "/tmp" }),
    },
  },
});

/** Representative values: a fixed load balancer IP, photos from an NFS share, TLS on another host. */
export const ciValues = defineCiValues({
  representative: {
    service: { sync: { loadBalancerIP: "192.168.1.220" } },
    persistence: {
      data: { size: "5Gi" },
      photos: {
        type: "nfs",
        server: "nas.example.org",
        path: "/export/photos",
        globalMounts: [{ path: "/var/syncthing/photos" }],
      },
    },
    ingress: { main: hostIngress({ host: "sync.example.org", tlsSecret: "sync-tls" }) },
  },
});
