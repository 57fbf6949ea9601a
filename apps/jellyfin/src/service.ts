import {
  defineCiValues,
  defineService,
  emptyDir,
  hostIngress,
  httpProbes,
  ingressHost,
  volumeClaim,
} from "@homelab/chart-kit";

/** Jellyfin: the free media server. https://jellyfin.org/docs/general/installation/container */
export default defineService({
  name: "jellyfin",
  description: "Jellyfin, the free software media system: stream your movies, shows and music.",
  home: "https://jellyfin.org",
  sources: ["https://github.com/jellyfin/jellyfin"],
  icon: "https://jellyfin.org/images/logo.svg",
  keywords: ["media", "streaming", "homelab"],
  values: {
    controllers: {
      main: {
        containers: {
          main: {
            image: { repository: "docker.io/jellyfin/jellyfin", tag: "10.10.7" },
            env: {
              TZ: "Etc/UTC",
              JELLYFIN_PublishedServerUrl: `https://${ingressHost()}`,
            },
            probes: httpProbes({ path: "/health" }),
            resources: { requests: { cpu: "200m", memory: "512Mi" }, limits: { memory: "4Gi" } },
          },
        },
      },
    },
    service: { main: { controller: "main", ports: { http: { port: 8096 } } } },
    ingress: { main: hostIngress({ host: "jellyfin.home.arpa" }) },
    persistence: {
      config: volumeClaim({ size: "5Gi", path: "/config" }),
      cache: volumeClaim({ size: "10Gi", path: "/cache", retain: false }),
      media: volumeClaim({ size: "100Gi", path: "/media" }),
      tmp: emptyDir({ path: "/tmp" }),
    },
  },
});

/**
 * Representative values: a StatefulSet with TLS, an existing media claim and a NodePort; and what
 * another homelab adds from values alone: an NFS share, the Intel GPU (/dev/dri and its resource),
 * an init container and a sidecar.
 */
export const ciValues = defineCiValues({
  representative: {
    controllers: { main: { type: "statefulset", containers: { main: { env: { TZ: "Europe/Berlin" } } } } },
    ingress: { main: hostIngress({ host: "media.example.org", tlsSecret: "media-tls" }) },
    persistence: {
      media: { existingClaim: "nas-media", globalMounts: [{ path: "/media", readOnly: true }] },
    },
    service: { main: { type: "NodePort" } },
  },
  "nas-and-gpu": {
    controllers: {
      main: {
        initContainers: {
          "wait-for-nas": {
            image: { repository: "docker.io/library/busybox", tag: "1.37.0" },
            command: ["sh", "-c", "until [ -d /music/library ]; do sleep 2; done"],
          },
          "log-shipper": {
            image: { repository: "docker.io/library/busybox", tag: "1.37.0" },
            restartPolicy: "Always",
            command: ["sh", "-c", "tail -F /config/log/log_*.log"],
          },
        },
        containers: {
          main: {
            resources: { requests: { "gpu.intel.com/i915": "1" }, limits: { "gpu.intel.com/i915": "1" } },
          },
        },
      },
    },
    persistence: {
      music: {
        type: "nfs",
        server: "nas.home.arpa",
        path: "/export/music",
        globalMounts: [{ path: "/music", readOnly: true }],
      },
      dri: {
        type: "hostPath",
        hostPath: "/dev/dri",
        hostPathType: "Directory",
        globalMounts: [{ path: "/dev/dri" }],
      },
    },
  },
});
