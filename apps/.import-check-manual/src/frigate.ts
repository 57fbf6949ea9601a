import { defineCiValues, defineService } from "@homelab/chart-kit";

// A draft imported by `homelab-chart import` from frigate.yaml: the Compose service frigate.
// Every TODO is a decision to confirm; then delete the TODOs and this header.
//
// Not imported, or needs a person (also printed by the import):
// - services.frigate.container_name: not imported: objects are named after the release
// - services.frigate.restart: not imported: Kubernetes restarts failed containers itself
// - services.frigate.volumes: the bind mount of /etc/localtime is replaced by the TZ variable

/** Frigate. TODO: link the upstream docs the values come from. */
export default defineService({
  name: "frigate",
  description: "Frigate: TODO: what it does, in one sentence.",
  // TODO: confirm: guessed from the image.
  home: "https://github.com/blakeblackshear/frigate",
  sources: ["https://github.com/blakeblackshear/frigate"],
  // TODO: a few words people search Artifact Hub with.
  keywords: ["homelab"],
  // Departures from the secure defaults the Compose file asked for; each reason is printed in the chart's
  // README. TODO: confirm each one (the build refuses undeclared and unused ones).
  exceptions: [
    {
      kind: "hostPath",
      volume: "usb",
      reason: "TODO: confirm: USB devices of the node (e.g. a Coral TPU) (Compose: devices: " +
        "/dev/bus/usb:/dev/bus/usb)",
    },
    {
      kind: "hostPath",
      volume: "apex-0",
      reason: "TODO: confirm: a PCIe Coral TPU of the node (Compose: devices: /dev/apex_0:/dev/apex_0)",
    },
    {
      kind: "hostPath",
      volume: "renderd128",
      reason: "TODO: confirm: hardware video encoding and decoding on the node's GPU (Intel/AMD) " +
        "(Compose: devices: /dev/dri/renderD128:/dev/dri/renderD128)",
    },
    {
      kind: "privileged",
      controller: "main",
      container: "main",
      reason: "TODO: confirm: Compose ran it privileged (e.g. for devices)",
    },
    {
      kind: "privilegeEscalation",
      controller: "main",
      container: "main",
      reason: "TODO: confirm: a privileged container escalates by definition",
    },
  ],
  values: {
    controllers: {
      // The Compose service frigate.
      main: {
        pod: {
          // TODO: Compose ran the image's own user (often root); the chart runs as 1000:1000. Check the
          // image's USER: an image that must start as root needs runAsNonRoot: false, runAsUser: 0 and a
          // runAsRoot exception.
          securityContext: { runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000 },
          terminationGracePeriodSeconds: 30,
        },
        containers: {
          // TODO: the root filesystem is read-only here (Compose's was writable): if the image writes outside
          // its volumes, mount an emptyDir there, or set securityContext.readOnlyRootFilesystem: false with a
          // writableRootFilesystem exception.
          // Docker gave the container its default capabilities (CHOWN, SETUID, SETGID, ...); the chart drops
          // all. TODO: an image that switches users at start (s6-overlay, gosu, su-exec) needs those it uses,
          // declared as a capabilities exception.
          main: {
            image: { repository: "ghcr.io/blakeblackshear/frigate", tag: "0.14.1" },
            env: {
              // TODO: confirm it is a secret: the Secret "app" generates FRIGATE_RTSP_PASSWORD (32
              // characters) at install; the value in the Compose file is left out of this draft. A value the
              // service needs in a given format: set it in secrets.app.stringData instead.
              FRIGATE_RTSP_PASSWORD: {
                valueFrom: { secretKeyRef: { identifier: "app", key: "FRIGATE_RTSP_PASSWORD" } },
              },
              // TODO: your time zone: Compose bind-mounted the host's /etc/localtime instead.
              TZ: "Etc/UTC",
            },
            // TODO: Compose had no healthcheck: a TCP check of http as a start; use the service's health
            // endpoint if it has one.
            probes: { liveness: { type: "tcp", port: "http" }, readiness: { type: "tcp", port: "http" } },
            // TODO: size from the service's docs: placeholders.
            resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "1Gi" } },
            securityContext: { privileged: true, allowPrivilegeEscalation: true },
          },
        },
      },
    },
    service: {
      main: {
        controller: "main",
        ports: {
          // The web UI (TODO: confirm): Compose published it as 8971; the ingress below serves it now.
          http: { port: 8971 },
        },
      },
      // Compose published these ports on the host's addresses: a LoadBalancer Service (k3s's ServiceLB)
      // serves them on the nodes' addresses. TODO: confirm, or use type NodePort.
      lan: {
        controller: "main",
        type: "LoadBalancer",
        ports: {
          rtsp: { port: 8554 },
          "tcp-8555": { port: 8555 },
          "udp-8555": { port: 8555, protocol: "UDP" },
        },
      },
    },
    ingress: {
      // TODO: the host name the web UI is served at (http, port 8971).
      main: {
        hosts: [
          {
            host: "frigate.home.arpa",
            paths: [{ path: "/", service: { identifier: "main", port: "http" } }],
          },
        ],
      },
    },
    persistence: {
      // TODO: Compose bind-mounted /path/to/your/config: a new claim starts empty. Copy the data in, or reuse
      // it with existingClaim, nfs or hostPath (with an exception).
      // TODO: size: a placeholder (Compose volumes have none); give what the data needs.
      config: { type: "persistentVolumeClaim", size: "1Gi", globalMounts: [{ path: "/config" }] },
      // TODO: Compose bind-mounted /path/to/your/storage: a new claim starts empty. Copy the data in, or
      // reuse it with existingClaim, nfs or hostPath (with an exception).
      // TODO: size: a placeholder (Compose volumes have none); give what the data needs.
      frigate: { type: "persistentVolumeClaim", size: "10Gi", globalMounts: [{ path: "/media/frigate" }] },
      // A tmpfs in Compose (/tmp/cache (tmpfs)): memory-backed, counted against the container's memory.
      cache: { type: "emptyDir", medium: "Memory", sizeLimit: "1G", globalMounts: [{ path: "/tmp/cache" }] },
      // Compose's shm_size (512mb): a memory-backed /dev/shm.
      shm: { type: "emptyDir", medium: "Memory", sizeLimit: "512Mi", globalMounts: [{ path: "/dev/shm" }] },
      // The device /dev/bus/usb (Compose devices).
      usb: {
        type: "hostPath",
        hostPath: "/dev/bus/usb",
        hostPathType: "Directory",
        globalMounts: [{ path: "/dev/bus/usb" }],
      },
      // The device /dev/apex_0 (Compose devices).
      "apex-0": {
        type: "hostPath",
        hostPath: "/dev/apex_0",
        hostPathType: "CharDevice",
        globalMounts: [{ path: "/dev/apex_0" }],
      },
      // The device /dev/dri/renderD128 (Compose devices).
      renderd128: {
        type: "hostPath",
        hostPath: "/dev/dri/renderD128",
        hostPathType: "CharDevice",
        globalMounts: [{ path: "/dev/dri/renderD128" }],
      },
      // The root filesystem is read-only: most images need a writable /tmp.
      tmp: { type: "emptyDir", globalMounts: [{ path: "/tmp" }] },
    },
    secrets: {
      // Generated once at install and kept across upgrades (see the env comments).
      app: { generate: { FRIGATE_RTSP_PASSWORD: { length: 32 } } },
    },
  },
});

/** Representative values: TODO: what another homelab changes. */
export const ciValues = defineCiValues({
  // TODO: another homelab's realistic choices; helm lint and the render tests check them.
  representative: {
    ingress: {
      main: {
        hosts: [
          {
            host: "frigate.example.org",
            paths: [{ path: "/", service: { identifier: "main", port: "http" } }],
          },
        ],
        tls: [{ hosts: ["frigate.example.org"], secretName: "frigate-tls" }],
      },
    },
    persistence: { config: { size: "4Gi" } },
  },
});

