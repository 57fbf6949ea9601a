import { defineCiValues, defineService } from "@homelab/chart-kit";

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
              JELLYFIN_PublishedServerUrl: "https://{{ (index .Values.ingress.main.hosts 0).host }}",
            },
            probes: {
              startup: {
                type: "http",
                path: "/health",
                port: "http",
                spec: { periodSeconds: 10, failureThreshold: 30 },
              },
              liveness: { type: "http", path: "/health", port: "http" },
              readiness: { type: "http", path: "/health", port: "http" },
            },
            resources: { requests: { cpu: "200m", memory: "512Mi" }, limits: { memory: "4Gi" } },
          },
        },
      },
    },
    service: { main: { controller: "main", ports: { http: { port: 8096 } } } },
    ingress: {
      main: {
        hosts: [
          {
            host: "jellyfin.home.arpa",
            paths: [{ path: "/", service: { identifier: "main", port: "http" } }],
          },
        ],
      },
    },
    persistence: {
      config: { type: "persistentVolumeClaim", size: "5Gi", globalMounts: [{ path: "/config" }] },
      cache: {
        type: "persistentVolumeClaim",
        size: "10Gi",
        retain: false,
        globalMounts: [{ path: "/cache" }],
      },
      media: { type: "persistentVolumeClaim", size: "100Gi", globalMounts: [{ path: "/media" }] },
      tmp: { type: "emptyDir", globalMounts: [{ path: "/tmp" }] },
    },
  },
});

const host = (name: string) => [
  { host: name, paths: [{ path: "/", service: { identifier: "main", port: "http" } }] },
];

/**
 * Representative values: a StatefulSet with TLS, an existing media claim and a NodePort; and what
 * another homelab adds from values alone: an NFS share, the Intel GPU (/dev/dri and its resource),
 * an init container and a sidecar.
 */
export const ciValues = defineCiValues({
  representative: {
    controllers: { main: { type: "statefulset", containers: { main: { env: { TZ: "Europe/Berlin" } } } } },
    ingress: {
      main: {
        hosts: host("media.example.org"),
        tls: [{ hosts: ["media.example.org"], secretName: "media-tls" }],
      },
    },
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
