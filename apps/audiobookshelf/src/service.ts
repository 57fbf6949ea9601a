import {
  defineCiValues,
  defineService,
  hostIngress,
  httpProbes,
  lenientProbeTimings,
  volumeClaim,
} from "@homelab/chart-kit";

/*
 * Audiobookshelf. https://www.audiobookshelf.org/docs#docker-compose-install
 *
 * Tag 2.36.0 = git tag v2.36.0 (image tags have no v); bjw-s's home-ops pins it with a digest.
 * Port: the image sets PORT=80 and its compose example says to change only the external port, but index.js
 * reads PORT, so PORT=13378 lets uid 1000 listen without NET_BIND_SERVICE. Library and podcast folders are
 * added in the UI (/audiobooks, /podcasts).
 * uid 1000 is `node` in the node:alpine base, so HOME=/home/node; its .npm dir shares the /tmp emptyDir as a
 * precaution for the read-only root fs (which bjw-s runs).
 * The docs want the config (sqlite) on a local disk, not a network share; the media may be on NFS
 * (ci/representative-values.yaml: the namespace then needs Pod Security baseline for the inline nfs volume).
 * The mobile apps need the public URL with TLS; websockets (socket.io) pass through traefik unchanged.
 */
export default defineService({
  name: "audiobookshelf",
  description:
    "Audiobookshelf, the self-hosted audiobook and podcast server with progress sync and mobile apps.",
  home: "https://www.audiobookshelf.org",
  sources: ["https://github.com/advplyr/audiobookshelf"],
  icon: "https://raw.githubusercontent.com/advplyr/audiobookshelf/master/client/static/icon.svg",
  keywords: ["media", "audiobooks", "podcasts", "homelab"],
  values: {
    controllers: {
      main: {
        type: "deployment",
        strategy: "Recreate",
        containers: {
          main: {
            image: { repository: "ghcr.io/advplyr/audiobookshelf", tag: "2.36.0" },
            env: {
              TZ: "Etc/UTC",
              PORT: "13378", // the image's default 80 cannot be bound by a non-root user
              CONFIG_PATH: "/config",
              METADATA_PATH: "/metadata",
            },
            probes: httpProbes({ path: "/healthcheck", ...lenientProbeTimings }),
            resources: { requests: { cpu: "50m", memory: "256Mi" }, limits: { memory: "1536Mi" } },
          },
        },
      },
    },
    service: { main: { controller: "main", ports: { http: { port: 13378 } } } },
    ingress: {
      main: hostIngress({ host: "audiobooks.home.arpa", className: "traefik", pathType: "Prefix" }),
    },
    persistence: {
      // the sqlite database: keep it on a local disk, not NFS
      config: volumeClaim({ size: "1Gi", path: "/config" }),
      // covers, cache, backups, logs
      metadata: volumeClaim({ size: "5Gi", path: "/metadata" }),
      audiobooks: volumeClaim({ size: "50Gi", path: "/audiobooks" }),
      podcasts: volumeClaim({ size: "20Gi", path: "/podcasts" }),
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

/** Representative values: audiobooks from the NAS over NFS, podcasts on an existing claim, a host with TLS. */
export const ciValues = defineCiValues({
  representative: {
    controllers: { main: { containers: { main: { env: { TZ: "Europe/Berlin" } } } } },
    persistence: {
      audiobooks: {
        type: "nfs",
        server: "nas.home.arpa",
        path: "/volume1/data/media/audiobooks",
        globalMounts: [{ path: "/audiobooks" }],
      },
      podcasts: { existingClaim: "nas-podcasts", globalMounts: [{ path: "/podcasts" }] },
    },
    ingress: { main: hostIngress({ host: "abs.example.org", tlsSecret: "abs-tls" }) },
  },
});
