import {
  arrService,
  defineCiValues,
  defineService,
  emptyDir,
  hostIngress,
  volumeClaim,
} from "@homelab/chart-kit";

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
export default defineService(
  arrService({
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
    image: { repository: "ghcr.io/home-operations/prowlarr", tag: "2.6.1.5509" },
    port: 9696,
    resources: { requests: { cpu: "20m", memory: "128Mi" }, limits: { memory: "1Gi" } },
    persistence: {
      config: volumeClaim({ size: "1Gi", path: "/config" }),
      tmp: emptyDir({ path: "/tmp" }),
    },
    // sonarr and radarr query indexers through Prowlarr's torznab/newznab proxy (/{id}/api).
    allowFrom: ["sonarr", "radarr"],
  }),
);

/** Representative values: another time zone, debug logs, a host with TLS and the config claim on longhorn. */
export const ciValues = defineCiValues({
  representative: {
    controllers: {
      main: { containers: { main: { env: { TZ: "Europe/Berlin", PROWLARR__LOG__LEVEL: "debug" } } } },
    },
    ingress: { main: hostIngress({ host: "prowlarr.example.org", tlsSecret: "prowlarr-tls" }) },
    persistence: { config: { storageClass: "longhorn" } },
  },
});
