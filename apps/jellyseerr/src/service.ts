import {
  defineCiValues,
  defineService,
  hostIngress,
  httpProbes,
  lenientProbeTimings,
  volumeClaim,
} from "@homelab/chart-kit";

/*
 * Jellyseerr, now Seerr. https://docs.seerr.dev/getting-started/docker
 *
 * Jellyseerr and Overseerr merged into Seerr: fallenbagel/jellyseerr's last release is v2.7.3 and its docs
 * point to the Seerr migration guide (the migration runs by itself on first start). The service keeps the
 * name `jellyseerr` but ships ghcr.io/seerr-team/seerr (to be confirmed: maybe rename the service `seerr`).
 * The frozen alternative ghcr.io/fallenbagel/jellyseerr:2.7.3 runs as root (would need runAsRoot).
 * Tags carry a leading v; v3.4.1 is pinned with a digest in onedr0p's home-ops.
 *
 * The image runs as `node` (uid 1000) without an init; Docker users are asked for `init: true`, which
 * Kubernetes does not have (npm is PID 1; set `pod.shareProcessNamespace: true` for a pause-container PID 1).
 * Read-only root fs: /tmp is an emptyDir, and /home/node/.npm (npm's log dir for `npm start`) shares it.
 *
 * Jellyseerr talks to jellyfin, sonarr and radarr over their services, e.g.
 * http://sonarr.sonarr.svc.cluster.local:8989 with Sonarr's API key (Secret `sonarr-app`, key API_KEY);
 * their network policies must let the `jellyseerr` namespace in (sonarr's and radarr's do).
 */
export default defineService({
  name: "jellyseerr",
  description:
    "Jellyseerr (now Seerr), the media request manager for Jellyfin, Plex and Emby that hands requests to " +
    "Sonarr and Radarr.",
  home: "https://docs.seerr.dev",
  sources: ["https://github.com/seerr-team/seerr", "https://github.com/fallenbagel/jellyseerr"],
  icon: "https://raw.githubusercontent.com/seerr-team/seerr/develop/public/logo_full.svg",
  keywords: ["media", "requests", "jellyfin", "arr", "homelab"],
  values: {
    controllers: {
      main: {
        type: "deployment",
        strategy: "Recreate",
        containers: {
          main: {
            image: { repository: "ghcr.io/seerr-team/seerr", tag: "v3.4.1" },
            env: { TZ: "Etc/UTC", PORT: "5055", LOG_LEVEL: "info" },
            probes: httpProbes({ path: "/api/v1/status", ...lenientProbeTimings }),
            resources: { requests: { cpu: "20m", memory: "256Mi" }, limits: { memory: "1Gi" } },
          },
        },
      },
    },
    service: { main: { controller: "main", ports: { http: { port: 5055 } } } },
    ingress: { main: hostIngress({ host: "requests.home.arpa", className: "traefik", pathType: "Prefix" }) },
    persistence: {
      config: volumeClaim({ size: "1Gi", path: "/app/config" }),
      tmp: {
        type: "emptyDir",
        globalMounts: [
          { path: "/tmp", subPath: "tmp" },
          { path: "/home/node/.npm", subPath: "npm" },
        ],
      },
    },
  },
});

/** Representative values: debug logs, a host with TLS, a bigger config claim on longhorn, a NodePort. */
export const ciValues = defineCiValues({
  representative: {
    controllers: { main: { containers: { main: { env: { TZ: "Europe/Berlin", LOG_LEVEL: "debug" } } } } },
    ingress: { main: hostIngress({ host: "requests.example.org", tlsSecret: "requests-tls" }) },
    persistence: { config: { size: "5Gi", storageClass: "longhorn" } },
    service: { main: { type: "NodePort", ports: { http: { port: 5055, nodePort: 30555 } } } },
  },
});
