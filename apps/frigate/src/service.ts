import {
  defineCiValues,
  defineService,
  emptyDir,
  generatedSecret,
  hostIngress,
  httpProbes,
  lenientProbeTimings,
  runAsRoot,
  secretEnv,
  volumeClaim,
} from "@homelab/chart-kit";

const image = () => ({ repository: "ghcr.io/blakeblackshear/frigate", tag: "0.17.2" });

/**
 * Frigate NVR. https://docs.frigate.video/frigate/installation
 *
 * - Devices: the USB Coral (/dev/bus/usb: it re-enumerates with a new id on first use) and
 *   /dev/dri (VAAPI/QSV decoding) are mounted from the node. Kubernetes has no `devices:`; a
 *   container may open a host device node only when its device cgroup allows it: in a privileged
 *   container, or through a device plugin. So the container is privileged, as in the docs' compose
 *   file ("may not be necessary for all setups"); a privileged container also gets every
 *   capability (the drop list does not apply) and may escalate (the API server requires it).
 *   Intel GPU statistics (intel_gpu_top) need privileged or CAP_PERFMON as well.
 * - Without the Coral (CPU or OpenVINO detector) and with the Intel GPU device plugin (the
 *   `intel-gpu` values without the usb volume) Frigate needs neither privileged nor host paths;
 *   s6-overlay as root would then need some capabilities back (likely CHOWN, DAC_OVERRIDE, FOWNER,
 *   SETUID, SETGID, KILL: the runtime's defaults), not confirmed.
 * - /dev/shm is a memory emptyDir (docs: at least (w*h*1.5*20+270480)/1048576 MB per camera plus
 *   40 MB of logs; 512Mi is several 1080p cameras) and /tmp/cache a 1Gi one for recording
 *   segments (docs: tmpfs). Both count against the container's memory limit.
 * - Config: Frigate writes a default config.yml when none exists. The `seed-config` init
 *   container copies one with TLS off (Traefik terminates TLS; otherwise 8971 serves a
 *   self-signed certificate), and only when none exists, so the UI's editor owns it afterwards.
 * - Ports: 8971 is the authenticated UI and API (the admin password is printed in the log at the
 *   first start); 5000 is unauthenticated and admin-equivalent, so only the probes use it and no
 *   Service exposes it. RTSP restreams (8554) are unauthenticated by default: the generated
 *   FRIGATE_RTSP_PASSWORD is there for `{FRIGATE_RTSP_PASSWORD}` in camera URLs and go2rtc's rtsp
 *   auth. WebRTC also needs go2rtc `webrtc.candidates` set to the streams' address:8555.
 * - Variants: -tensorrt (Nvidia), -rocm (AMD), -rk (Rockchip) tags, per the installation docs.
 */
export default defineService({
  name: "frigate",
  description:
    "Frigate: the NVR with real-time local object detection for IP cameras, using a Coral TPU or GPU.",
  home: "https://frigate.video",
  sources: ["https://github.com/blakeblackshear/frigate"],
  icon: "https://raw.githubusercontent.com/blakeblackshear/frigate/dev/docs/static/img/branding/logo.svg",
  keywords: ["nvr", "cameras", "object-detection", "coral", "homelab"],
  exceptions: [
    {
      kind: "runAsRoot",
      controller: "main",
      reason:
        "the image's init is s6-overlay (/init), which starts as root and supervises nginx, go2rtc and frigate",
    },
    {
      kind: "writableRootFilesystem",
      controller: "main",
      container: "main",
      reason: "s6-overlay writes /run and its init scripts render the nginx and go2rtc configs at start",
    },
    {
      kind: "privileged",
      controller: "main",
      container: "main",
      reason:
        "the USB Coral and /dev/dri are host device nodes, which only a privileged container may open " +
        "(Kubernetes has no device passthrough); the docs' compose file runs Frigate privileged",
    },
    {
      kind: "privilegeEscalation",
      controller: "main",
      container: "main",
      reason: "the API server refuses a privileged container that does not allow privilege escalation",
    },
    {
      kind: "hostPath",
      volume: "usb",
      reason:
        "the USB Coral Edge TPU; the docs pass all of /dev/bus/usb (the Coral changes its id on first use)",
    },
    {
      kind: "hostPath",
      volume: "dri",
      reason: "Intel/AMD VAAPI/QSV hardware video decoding through /dev/dri/renderD128",
    },
  ],
  values: {
    controllers: {
      main: {
        type: "deployment",
        strategy: "Recreate",
        pod: {
          securityContext: runAsRoot({ fsGroup: 0 }),
          terminationGracePeriodSeconds: 30, // docs: stop_grace_period 30s
        },
        initContainers: {
          "seed-config": {
            image: image(),
            command: [
              "/bin/sh",
              "-ec",
              "[ -e /config/config.yml ] || [ -e /config/config.yaml ] || cp /seed/config.yml /config/config.yml",
            ],
            resources: { requests: { cpu: "10m", memory: "16Mi" }, limits: { memory: "64Mi" } },
          },
        },
        containers: {
          main: {
            image: image(),
            env: {
              TZ: "Etc/UTC",
              FRIGATE_RTSP_PASSWORD: secretEnv("app", "RTSP_PASSWORD"),
            },
            // 5000: the unauthenticated API, which no Service exposes (see above).
            probes: httpProbes({ path: "/api/version", port: 5000, ...lenientProbeTimings }),
            securityContext: {
              privileged: true,
              allowPrivilegeEscalation: true,
              readOnlyRootFilesystem: false,
            },
            resources: {
              requests: { cpu: "500m", memory: "1Gi" },
              limits: { memory: "8Gi" }, // includes the memory-backed /dev/shm and /tmp/cache
            },
          },
        },
      },
    },
    service: {
      // 8971: the authenticated UI and API, the one reverse proxies use.
      main: { controller: "main", primary: true, ports: { http: { port: 8971 } } },
      streams: {
        controller: "main",
        ports: {
          rtsp: { port: 8554 },
          "webrtc-tcp": { port: 8555, protocol: "TCP" },
          "webrtc-udp": { port: 8555, protocol: "UDP" },
        },
      },
    },
    ingress: { main: hostIngress({ host: "frigate.home.arpa" }) },
    configMaps: {
      seed: {
        data: {
          "config.yml": [
            "# Seeded once by the homelab chart; edit it in the Frigate UI afterwards.",
            "mqtt:",
            "  enabled: false",
            "tls:",
            "  enabled: false",
            "cameras: {}",
            "version: 0.17-0",
            "",
          ].join("\n"),
        },
      },
    },
    secrets: { app: generatedSecret({ RTSP_PASSWORD: 32 }) },
    persistence: {
      // config.yml and frigate.db (SQLite): keep it on a local disk.
      config: volumeClaim({ size: "2Gi", path: "/config" }),
      // /media/frigate/{clips,recordings,exports}
      media: volumeClaim({ size: "200Gi", path: "/media/frigate", mountIn: { controller: "main" } }),
      seed: {
        type: "configMap",
        identifier: "seed",
        advancedMounts: { main: { "seed-config": [{ path: "/seed", readOnly: true }] } },
      },
      shm: emptyDir({
        path: "/dev/shm",
        medium: "Memory",
        sizeLimit: "512Mi",
        mountIn: { controller: "main" },
      }),
      cache: emptyDir({
        path: "/tmp/cache",
        medium: "Memory",
        sizeLimit: "1Gi",
        mountIn: { controller: "main" },
      }),
      usb: {
        type: "hostPath",
        hostPath: "/dev/bus/usb",
        hostPathType: "Directory",
        advancedMounts: { main: { main: [{ path: "/dev/bus/usb" }] } },
      },
      dri: {
        type: "hostPath",
        hostPath: "/dev/dri",
        hostPathType: "Directory",
        advancedMounts: { main: { main: [{ path: "/dev/dri" }] } },
      },
    },
    networkpolicies: {
      // The Home Assistant integration talks to the API.
      main: {
        allowFrom: [
          { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "home-assistant" } } },
        ],
      },
    },
  },
});

/**
 * Representative values: the NVR node, recordings on the NAS, streams by LoadBalancer, a bigger
 * /dev/shm. `intel-gpu`: the Intel GPU through the intel-device-plugins GPU plugin (which lets the
 * container open it) instead of the /dev/dri host path.
 */
export const ciValues = defineCiValues({
  representative: {
    controllers: {
      main: {
        pod: { nodeSelector: { "kubernetes.io/hostname": "nvr" } },
        containers: { main: { env: { TZ: "Europe/Berlin" } } },
      },
    },
    service: { streams: { type: "LoadBalancer", externalTrafficPolicy: "Local" } },
    persistence: {
      media: { type: "nfs", server: "nas.home.arpa", path: "/volume1/frigate" },
      shm: { sizeLimit: "1Gi" },
    },
    ingress: { main: hostIngress({ host: "nvr.example.org", tlsSecret: "nvr-tls" }) },
  },
  "intel-gpu": {
    controllers: {
      main: {
        containers: {
          main: {
            env: { LIBVA_DRIVER_NAME: "iHD" },
            resources: {
              requests: { cpu: "500m", memory: "1Gi", "gpu.intel.com/i915": "1" },
              limits: { memory: "8Gi", "gpu.intel.com/i915": "1" },
            },
          },
        },
      },
    },
    persistence: { dri: { enabled: false } },
  },
});
