import { defineCiValues, defineService } from "@homelab/chart-kit";

/*
 * Sonarr. https://wiki.servarr.com/sonarr/environment-variables
 *
 * Image: home-operations publishes ONLY Sonarr's develop branch (rootless, no s6, runs as nobody; the chart's
 * uid/gid 1000 is what their README documents, with a read-only root fs and /tmp as emptyDir). Tag 4.0.19.3001
 * is pinned by onedr0p's and bjw-s's home-ops. For the stable (main) channel use lscr.io/linuxserver/sonarr,
 * which needs root and s6 (runAsRoot + writableRootFilesystem exceptions).
 *
 * Hardlinks and atomic moves need the download tree and the library on ONE filesystem mounted at the SAME path
 * (/data) in sonarr, radarr and qbittorrent: /data/torrents/{tv,movies} and /data/media/{tv,movies}. Every
 * service is released into its own namespace and claims are namespaced, so the default per-release claim is
 * NOT shared: point `persistence.data` of all three at one NFS export (ci/shared-nfs-values.yaml) or release
 * them into one namespace with one ReadWriteMany claim (ci/shared-namespace-values.yaml). In Sonarr set the
 * root folder /data/media/tv; in qBittorrent the category `tv` -> /data/torrents/tv.
 *
 * Pod Security: an inline `nfs` volume is not allowed under `restricted`, only `baseline`. With the NFS values
 * the namespace must be labelled baseline, or use a static NFS PersistentVolume bound to `existingClaim`.
 *
 * Auth: Forms + Required=Enabled, so requests from the ingress controller (a private pod IP) are not treated
 * as local and let through; the first visit asks to create the user. /ping is unauthenticated (probes).
 *
 * API key: 32 generated alphanumerics (Servarr accepts >= 20) in the Secret `sonarr-app`, key API_KEY;
 * prowlarr and jellyseerr need it (copy it from the Secret or the UI).
 * Resources are estimates between bjw-s (384Mi request) and onedr0p (4Gi limit).
 */
export default defineService({
  name: "sonarr",
  description:
    "Sonarr, the TV series PVR that watches indexers for new episodes, grabs them and files them into your library.",
  home: "https://sonarr.tv",
  sources: [
    "https://github.com/Sonarr/Sonarr",
    "https://github.com/home-operations/containers/tree/main/apps/sonarr",
  ],
  icon: "https://raw.githubusercontent.com/Sonarr/Sonarr/develop/Logo/256.png",
  keywords: ["media", "tv", "pvr", "arr", "homelab"],
  values: {
    controllers: {
      main: {
        type: "deployment",
        strategy: "Recreate",
        containers: {
          main: {
            image: { repository: "ghcr.io/home-operations/sonarr", tag: "4.0.19.3001" },
            env: {
              TZ: "Etc/UTC",
              SONARR__SERVER__PORT: "8989",
              SONARR__APP__INSTANCENAME: "Sonarr",
              SONARR__AUTH__METHOD: "Forms",
              SONARR__AUTH__REQUIRED: "Enabled",
              SONARR__LOG__DBENABLED: "False",
              SONARR__LOG__LEVEL: "info",
              SONARR__AUTH__APIKEY: { valueFrom: { secretKeyRef: { identifier: "app", key: "API_KEY" } } },
            },
            probes: {
              startup: {
                type: "http",
                path: "/ping",
                port: "http",
                spec: { periodSeconds: 10, failureThreshold: 30 },
              },
              liveness: {
                type: "http",
                path: "/ping",
                port: "http",
                spec: { periodSeconds: 30, timeoutSeconds: 5, failureThreshold: 5 },
              },
              readiness: {
                type: "http",
                path: "/ping",
                port: "http",
                spec: { periodSeconds: 10, timeoutSeconds: 5 },
              },
            },
            resources: { requests: { cpu: "50m", memory: "256Mi" }, limits: { memory: "2Gi" } },
          },
        },
      },
    },
    service: { main: { controller: "main", ports: { http: { port: 8989 } } } },
    ingress: {
      main: {
        className: "traefik",
        hosts: [
          {
            host: "sonarr.home.arpa",
            paths: [{ path: "/", pathType: "Prefix", service: { identifier: "main", port: "http" } }],
          },
        ],
      },
    },
    persistence: {
      config: { type: "persistentVolumeClaim", size: "2Gi", globalMounts: [{ path: "/config" }] },
      // The one media/downloads tree shared with radarr and qbittorrent (see above); a claim of its own by default.
      data: { type: "persistentVolumeClaim", size: "100Gi", globalMounts: [{ path: "/data" }] },
      tmp: { type: "emptyDir", globalMounts: [{ path: "/tmp" }] },
    },
    secrets: { app: { generate: { API_KEY: { length: 32 } } } },
    networkpolicies: {
      main: {
        // prowlarr pushes indexers into Sonarr's API; jellyseerr sends requests to it.
        allowFrom: [
          {
            namespaceSelector: {
              matchExpressions: [
                { key: "kubernetes.io/metadata.name", operator: "In", values: ["prowlarr", "jellyseerr"] },
              ],
            },
          },
        ],
      },
    },
  },
});

const host = (name: string) => [
  { host: name, paths: [{ path: "/", service: { identifier: "main", port: "http" } }] },
];

/**
 * representative: another time zone, host with TLS and a bigger config claim on longhorn.
 * shared-nfs: `data` is the NFS export that radarr and qbittorrent mount too (hardlinks work; the namespace
 * needs Pod Security baseline for the inline nfs volume).
 * shared-namespace: sonarr, radarr and qbittorrent in ONE namespace (`media`) sharing one ReadWriteMany claim.
 */
export const ciValues = defineCiValues({
  representative: {
    controllers: { main: { containers: { main: { env: { TZ: "Europe/Berlin" } } } } },
    persistence: { config: { size: "5Gi", storageClass: "longhorn" } },
    ingress: {
      main: {
        hosts: host("sonarr.example.org"),
        tls: [{ hosts: ["sonarr.example.org"], secretName: "sonarr-tls" }],
      },
    },
  },
  "shared-nfs": {
    persistence: {
      data: { type: "nfs", server: "nas.home.arpa", path: "/export/data", globalMounts: [{ path: "/data" }] },
    },
  },
  "shared-namespace": {
    persistence: { data: { existingClaim: "media-data", globalMounts: [{ path: "/data" }] } },
    networkpolicies: {
      main: {
        allowFrom: [
          {
            namespaceSelector: {
              matchExpressions: [
                {
                  key: "kubernetes.io/metadata.name",
                  operator: "In",
                  values: ["media", "prowlarr", "jellyseerr"],
                },
              ],
            },
          },
        ],
      },
    },
  },
});
