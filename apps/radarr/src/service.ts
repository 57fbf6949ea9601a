import {
  arrService,
  defineCiValues,
  defineService,
  emptyDir,
  hostIngress,
  sharedMediaTreeCiValues,
  volumeClaim,
} from "@homelab/chart-kit";

/*
 * Radarr. https://wiki.servarr.com/radarr/environment-variables
 *
 * Image: home-operations publishes ONLY Radarr's develop branch (rootless, no s6, runs as nobody; the chart's
 * uid/gid 1000 is what their README documents, with a read-only root fs and /tmp as emptyDir). Tag 6.4.1.10545
 * is pinned by onedr0p's and bjw-s's home-ops. For the stable (main) channel use lscr.io/linuxserver/radarr,
 * which needs root and s6 (runAsRoot + writableRootFilesystem exceptions).
 *
 * Hardlinks and atomic moves need the download tree and the library on ONE filesystem mounted at the SAME path
 * (/data) in sonarr, radarr and qbittorrent: /data/torrents/{tv,movies} and /data/media/{tv,movies}. Every
 * service is released into its own namespace and claims are namespaced, so the default per-release claim is
 * NOT shared: point `persistence.data` of all three at one NFS export (ci/shared-nfs-values.yaml) or release
 * them into one namespace with one ReadWriteMany claim (ci/shared-namespace-values.yaml). In Radarr set the
 * root folder /data/media/movies; in qBittorrent the category `movies` -> /data/torrents/movies.
 *
 * Pod Security: an inline `nfs` volume is not allowed under `restricted`, only `baseline`. With the NFS values
 * the namespace must be labelled baseline, or use a static NFS PersistentVolume bound to `existingClaim`.
 *
 * Auth: Forms + Required=Enabled, so requests from the ingress controller (a private pod IP) are not treated
 * as local and let through; the first visit asks to create the user. /ping is unauthenticated (probes).
 *
 * API key: 32 generated alphanumerics (Servarr accepts >= 20) in the Secret `radarr-app`, key API_KEY;
 * prowlarr and jellyseerr need it (copy it from the Secret or the UI).
 * Resources are estimates between bjw-s (384Mi request) and onedr0p (4Gi limit).
 */
export default defineService(
  arrService({
    name: "radarr",
    description:
      "Radarr, the movie collection manager that watches indexers for new releases, grabs them and files them into your library.",
    home: "https://radarr.video",
    sources: [
      "https://github.com/Radarr/Radarr",
      "https://github.com/home-operations/containers/tree/main/apps/radarr",
    ],
    icon: "https://raw.githubusercontent.com/Radarr/Radarr/develop/Logo/256.png",
    keywords: ["media", "movies", "pvr", "arr", "homelab"],
    image: { repository: "ghcr.io/home-operations/radarr", tag: "6.4.1.10545" },
    port: 7878,
    resources: { requests: { cpu: "50m", memory: "256Mi" }, limits: { memory: "2Gi" } },
    persistence: {
      config: volumeClaim({ size: "2Gi", path: "/config" }),
      // The one media/downloads tree shared with sonarr and qbittorrent (see above); a claim of its own by default.
      data: volumeClaim({ size: "100Gi", path: "/data" }),
      tmp: emptyDir({ path: "/tmp" }),
    },
    // prowlarr pushes indexers into Radarr's API; jellyseerr sends requests to it.
    allowFrom: ["prowlarr", "jellyseerr"],
  }),
);

/**
 * representative: another time zone, host with TLS and a bigger config claim on longhorn.
 * shared-nfs: `data` is the NFS export that sonarr and qbittorrent mount too (hardlinks work; the namespace
 * needs Pod Security baseline for the inline nfs volume).
 * shared-namespace: sonarr, radarr and qbittorrent in ONE namespace (`media`) sharing one ReadWriteMany claim.
 */
export const ciValues = defineCiValues({
  representative: {
    controllers: { main: { containers: { main: { env: { TZ: "Europe/Berlin" } } } } },
    persistence: { config: { size: "5Gi", storageClass: "longhorn" } },
    ingress: { main: hostIngress({ host: "radarr.example.org", tlsSecret: "radarr-tls" }) },
  },
  ...sharedMediaTreeCiValues({ allowFrom: ["prowlarr", "jellyseerr"] }),
});
