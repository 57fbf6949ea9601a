import {
  allowFromNamespaces,
  defineCiValues,
  defineService,
  emptyDir,
  hostIngress,
  lenientProbeTimings,
  sharedMediaTreeCiValues,
  tcpProbes,
  volumeClaim,
} from "@homelab/chart-kit";

/*
 * qBittorrent (qbittorrent-nox, web UI only).
 * https://github.com/qbittorrent/qBittorrent/wiki/Running-qBittorrent-without-X-server-(WebUI-only)
 *
 * Image: home-operations (no s6, runs as nobody; the chart's uid/gid 1000; HOME and the XDG dirs are /config,
 * so the settings live in /config/qBittorrent/qBittorrent.conf). Tag 5.2.3 is pinned by bjw-s's home-ops.
 *
 * SECURITY: the image's own default qBittorrent.conf (written on first start when none exists) ENABLES
 * WebUI\AuthSubnetWhitelist for every private range. Behind the ingress every request comes from the ingress
 * controller's private pod IP, so the web UI would be open to anyone who reaches the ingress. The `defaults`
 * init container therefore writes the chart's own first-start settings (configMap `defaults`) when no
 * qBittorrent.conf exists yet: the whitelist is off, and downloads default to /data/torrents. An existing
 * qBittorrent.conf is never touched. qBittorrent then prints a temporary web UI password to its log on first
 * start (`kubectl logs`): log in as `admin` and set a password. Kept from the image: HostHeaderValidation and
 * CSRFProtection off (behind a reverse proxy whose Host differs from the pod's).
 *
 * Paths: the ONE tree shared with sonarr and radarr at /data (hardlinks and atomic moves need one filesystem
 * at the same path in all three). In Options > Downloads add the categories tv -> /data/torrents/tv and
 * movies -> /data/torrents/movies. Each service has its own namespace, so the default per-release claim is not
 * shared: use one NFS export (ci/shared-nfs-values.yaml; the namespace then needs Pod Security baseline for
 * the inline nfs volume, or use a static NFS PersistentVolume with existingClaim) or one namespace with one
 * ReadWriteMany claim (ci/shared-namespace-values.yaml).
 *
 * Incoming peers: the ClusterIP `bittorrent` service only declares the ports. Use LoadBalancer (k3s ServiceLB
 * binds the port on the node) or NodePort, and keep QBT_TORRENTING_PORT equal to the port peers connect to.
 */

const conf = "/config/qBittorrent/qBittorrent.conf";

export default defineService({
  name: "qbittorrent",
  description: "qBittorrent, the free BitTorrent client, headless with its web UI (qbittorrent-nox).",
  home: "https://www.qbittorrent.org",
  sources: [
    "https://github.com/qbittorrent/qBittorrent",
    "https://github.com/home-operations/containers/tree/main/apps/qbittorrent",
  ],
  icon: "https://raw.githubusercontent.com/qbittorrent/qBittorrent/master/src/icons/qbittorrent-tray.svg",
  keywords: ["torrent", "downloads", "media", "homelab"],
  values: {
    controllers: {
      main: {
        type: "deployment",
        strategy: "Recreate",
        pod: { terminationGracePeriodSeconds: 120 }, // lets qBittorrent write its resume data on stop
        initContainers: {
          defaults: {
            image: { repository: "ghcr.io/home-operations/qbittorrent", tag: "5.2.3" },
            command: ["/bin/sh", "-ec"],
            args: [
              `if [ ! -f ${conf} ]; then mkdir -p /config/qBittorrent && cp /defaults/qBittorrent.conf ${conf}; fi`,
            ],
            resources: { requests: { cpu: "10m", memory: "16Mi" }, limits: { memory: "64Mi" } },
          },
        },
        containers: {
          main: {
            image: { repository: "ghcr.io/home-operations/qbittorrent", tag: "5.2.3" },
            env: {
              TZ: "Etc/UTC",
              // qbittorrent-nox reads QBT_<OPTION> for --<option>
              QBT_WEBUI_PORT: "8080",
              QBT_TORRENTING_PORT: "50413",
            },
            // tcp, not /api/v2/app/version: that endpoint needs a session (the whitelist is off).
            probes: tcpProbes({ ...lenientProbeTimings, readiness: { periodSeconds: 10 } }),
            resources: { requests: { cpu: "100m", memory: "512Mi" }, limits: { memory: "4Gi" } },
          },
        },
      },
    },
    service: {
      main: { controller: "main", primary: true, ports: { http: { port: 8080 } } },
      bittorrent: {
        controller: "main",
        type: "ClusterIP", // LoadBalancer or NodePort for incoming peers (ci values)
        ports: {
          "bittorrent-tcp": { port: 50413, protocol: "TCP" },
          "bittorrent-udp": { port: 50413, protocol: "UDP" },
        },
      },
    },
    ingress: {
      main: hostIngress({ host: "qbittorrent.home.arpa", className: "traefik", pathType: "Prefix" }),
    },
    configMaps: {
      defaults: {
        // First-start settings only (see above); the web UI changes qBittorrent.conf afterwards.
        data: {
          "qBittorrent.conf": [
            "[LegalNotice]",
            "Accepted=true",
            "",
            "[BitTorrent]",
            "Session\\DefaultSavePath=/data/torrents",
            "",
            "[Preferences]",
            "Connection\\UPnP=false",
            "General\\UseRandomPort=false",
            "WebUI\\Address=*",
            "WebUI\\AuthSubnetWhitelistEnabled=false",
            "WebUI\\CSRFProtection=false",
            "WebUI\\HostHeaderValidation=false",
            "WebUI\\LocalHostAuth=true",
            "WebUI\\UseUPnP=false",
            "",
          ].join("\n"),
        },
      },
    },
    persistence: {
      config: volumeClaim({ size: "1Gi", path: "/config" }),
      defaults: {
        type: "configMap",
        identifier: "defaults",
        advancedMounts: { main: { defaults: [{ path: "/defaults", readOnly: true }] } },
      },
      // The ONE tree shared with sonarr and radarr: downloads land in /data/torrents/<category>.
      data: volumeClaim({ size: "100Gi", path: "/data" }),
      tmp: emptyDir({ path: "/tmp" }),
    },
    // sonarr and radarr hand torrents to qBittorrent's Web API; prowlarr may too.
    networkpolicies: { main: allowFromNamespaces(["sonarr", "radarr", "prowlarr"]) },
  },
});

/**
 * representative: another time zone, incoming peers through a LoadBalancer, a host with TLS.
 * shared-nfs: `data` is the NFS export that sonarr and radarr mount too (namespace needs Pod Security baseline).
 * shared-namespace: sonarr, radarr and qbittorrent in ONE namespace (`media`) sharing one ReadWriteMany claim.
 * nodeport: incoming peers on node port 30413; the Service port, the container port and the port qBittorrent
 * listens on and announces are all 30413, so peers reach the port they are told about.
 */
export const ciValues = defineCiValues({
  representative: {
    controllers: { main: { containers: { main: { env: { TZ: "Europe/Berlin" } } } } },
    service: { bittorrent: { type: "LoadBalancer", externalTrafficPolicy: "Local" } },
    ingress: { main: hostIngress({ host: "torrent.example.org", tlsSecret: "torrent-tls" }) },
  },
  ...sharedMediaTreeCiValues({ allowFrom: ["prowlarr"] }),
  nodeport: {
    service: {
      bittorrent: {
        type: "NodePort",
        ports: {
          "bittorrent-tcp": { port: 30413, nodePort: 30413 },
          "bittorrent-udp": { port: 30413, nodePort: 30413, protocol: "UDP" },
        },
      },
    },
    controllers: { main: { containers: { main: { env: { QBT_TORRENTING_PORT: "30413" } } } } },
  },
});
