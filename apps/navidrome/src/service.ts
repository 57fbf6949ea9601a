import {
  defineCiValues,
  defineService,
  emptyDir,
  hostIngress,
  httpProbes,
  volumeClaim,
} from "@homelab/chart-kit";

/*
 * Navidrome. https://www.navidrome.org/docs/installation/docker/
 *
 * Tag 0.63.2 = git tag v0.63.2 (image tags have no v); bjw-s's home-ops pins it. Also on Docker Hub as
 * deluan/navidrome. Non-root with a read-only root fs is what bjw-s runs; the image writes only to /data.
 * The first user to open the UI becomes admin: create it before exposing the ingress (or through a
 * port-forward).
 * ND_SCANNER_SCHEDULE (Scanner.Schedule) defaults to no periodic scan, and inotify-based watching does not
 * see changes made on an NFS server: set a schedule when the music is on NFS (ci/representative-values.yaml;
 * the namespace then needs Pod Security baseline for the inline nfs volume).
 */
export default defineService({
  name: "navidrome",
  description:
    "Navidrome, the lightweight music server and streamer, compatible with Subsonic/OpenSubsonic clients.",
  home: "https://www.navidrome.org",
  sources: ["https://github.com/navidrome/navidrome"],
  icon: "https://raw.githubusercontent.com/navidrome/navidrome/master/resources/logo-192x192.png",
  keywords: ["media", "music", "subsonic", "streaming", "homelab"],
  values: {
    controllers: {
      main: {
        type: "deployment",
        strategy: "Recreate",
        containers: {
          main: {
            image: { repository: "ghcr.io/navidrome/navidrome", tag: "0.63.2" },
            env: {
              TZ: "Etc/UTC",
              ND_PORT: "4533",
              ND_MUSICFOLDER: "/music",
              ND_DATAFOLDER: "/data",
              ND_LOGLEVEL: "info",
              ND_ENABLEINSIGHTSCOLLECTOR: "false",
            },
            probes: httpProbes({ path: "/ping", startup: { periodSeconds: 5, failureThreshold: 60 } }),
            resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "1Gi" } },
          },
        },
      },
    },
    service: { main: { controller: "main", ports: { http: { port: 4533 } } } },
    ingress: { main: hostIngress({ host: "music.home.arpa", className: "traefik", pathType: "Prefix" }) },
    persistence: {
      // the database and cache (transcodes, covers), and navidrome.toml if any
      data: volumeClaim({ size: "2Gi", path: "/data" }),
      music: volumeClaim({ size: "50Gi", path: "/music", readOnly: true }),
      tmp: emptyDir({ path: "/tmp" }),
    },
  },
});

/** Representative values: the music from the NAS over NFS with a scan schedule, a base URL, TLS. */
export const ciValues = defineCiValues({
  representative: {
    controllers: {
      main: {
        containers: {
          main: {
            env: {
              TZ: "Europe/Berlin",
              ND_BASEURL: "https://music.example.org",
              ND_SCANNER_SCHEDULE: "@every 6h",
            },
          },
        },
      },
    },
    persistence: {
      music: {
        type: "nfs",
        server: "nas.home.arpa",
        path: "/volume1/data/media/music",
        globalMounts: [{ path: "/music", readOnly: true }],
      },
    },
    ingress: { main: hostIngress({ host: "music.example.org", tlsSecret: "music-tls" }) },
  },
});
