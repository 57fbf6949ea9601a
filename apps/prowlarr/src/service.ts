import { defineCiValues, defineService } from "@homelab/chart-kit";

/*
 * Prowlarr. https://wiki.servarr.com/prowlarr/environment-variables
 *
 * Image: home-operations (rootless, read-only root fs with /tmp as emptyDir); develop channel only. Tag
 * 2.6.1.5509 is pinned by onedr0p's and bjw-s's home-ops.
 *
 * Prowlarr needs no media tree. In Prowlarr > Apps add sonarr at http://sonarr.sonarr.svc.cluster.local:8989
 * and radarr at http://radarr.radarr.svc.cluster.local:7878 with their API keys (Secrets `sonarr-app` and
 * `radarr-app`, key API_KEY); Prowlarr Server = http://prowlarr.prowlarr.svc.cluster.local:9696. Those names
 * assume one namespace per service (the release's default) and release name = chart name.
 *
 * Many indexers sit behind Cloudflare: FlareSolverr is a separate service, not part of this chart.
 * Auth: Forms + Required=Enabled, so the ingress controller's private IP does not count as a local address.
 * API key: 32 generated alphanumerics in the Secret `prowlarr-app`, key API_KEY.
 */
export default defineService({
  name: "prowlarr",
  description:
    "Prowlarr, the indexer manager and proxy that keeps Sonarr's and Radarr's indexers in one place.",
  home: "https://prowlarr.com",
  sources: [
    "https://github.com/Prowlarr/Prowlarr",
    "https://github.com/home-operations/containers/tree/main/apps/prowlarr",
  ],
  icon: "https://raw.githubusercontent.com/Prowlarr/Prowlarr/develop/Logo/256.png",
  keywords: ["media", "indexer", "arr", "homelab"],
  values: {
    controllers: {
      main: {
        type: "deployment",
        strategy: "Recreate",
        containers: {
          main: {
            image: { repository: "ghcr.io/home-operations/prowlarr", tag: "2.6.1.5509" },
            env: {
              TZ: "Etc/UTC",
              PROWLARR__SERVER__PORT: "9696",
              PROWLARR__APP__INSTANCENAME: "Prowlarr",
              PROWLARR__AUTH__METHOD: "Forms",
              PROWLARR__AUTH__REQUIRED: "Enabled",
              PROWLARR__LOG__DBENABLED: "False",
              PROWLARR__LOG__LEVEL: "info",
              PROWLARR__AUTH__APIKEY: { valueFrom: { secretKeyRef: { identifier: "app", key: "API_KEY" } } },
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
            resources: { requests: { cpu: "20m", memory: "128Mi" }, limits: { memory: "1Gi" } },
          },
        },
      },
    },
    service: { main: { controller: "main", ports: { http: { port: 9696 } } } },
    ingress: {
      main: {
        className: "traefik",
        hosts: [
          {
            host: "prowlarr.home.arpa",
            paths: [{ path: "/", pathType: "Prefix", service: { identifier: "main", port: "http" } }],
          },
        ],
      },
    },
    persistence: {
      config: { type: "persistentVolumeClaim", size: "1Gi", globalMounts: [{ path: "/config" }] },
      tmp: { type: "emptyDir", globalMounts: [{ path: "/tmp" }] },
    },
    secrets: { app: { generate: { API_KEY: { length: 32 } } } },
    networkpolicies: {
      main: {
        // sonarr and radarr query indexers through Prowlarr's torznab/newznab proxy (/{id}/api).
        allowFrom: [
          {
            namespaceSelector: {
              matchExpressions: [
                { key: "kubernetes.io/metadata.name", operator: "In", values: ["sonarr", "radarr"] },
              ],
            },
          },
        ],
      },
    },
  },
});

/** Representative values: another time zone, debug logs, a host with TLS and the config claim on longhorn. */
export const ciValues = defineCiValues({
  representative: {
    controllers: {
      main: { containers: { main: { env: { TZ: "Europe/Berlin", PROWLARR__LOG__LEVEL: "debug" } } } },
    },
    ingress: {
      main: {
        hosts: [
          {
            host: "prowlarr.example.org",
            paths: [{ path: "/", service: { identifier: "main", port: "http" } }],
          },
        ],
        tls: [{ hosts: ["prowlarr.example.org"], secretName: "prowlarr-tls" }],
      },
    },
    persistence: { config: { storageClass: "longhorn" } },
  },
});
