import { defineCiValues, defineService } from "@homelab/chart-kit";

// A draft imported by `homelab-chart import` from home-assistant.yaml: the Compose service homeassistant.
// Every TODO is a decision to confirm; then delete the TODOs and this header.
//
// Not imported, or needs a person (also printed by the import):
// - services.homeassistant.container_name: not imported: objects are named after the release
// - services.homeassistant.restart: not imported: Kubernetes restarts failed containers itself
// - services.homeassistant.image: "ghcr.io/home-assistant/home-assistant:stable" is not pinned: its tag
//   "stable" moves with every release. The draft has tag "latest", which the build refuses until you pin a
//   release
// - services.homeassistant.volumes: the bind mount of /etc/localtime is replaced by the TZ variable

/** Homeassistant. TODO: link the upstream docs the values come from. */
export default defineService({
  name: "homeassistant",
  description: "Homeassistant: TODO: what it does, in one sentence.",
  // TODO: confirm: guessed from the image.
  home: "https://github.com/home-assistant/home-assistant",
  sources: ["https://github.com/home-assistant/home-assistant"],
  // TODO: a few words people search Artifact Hub with.
  keywords: ["homelab"],
  // Departures from the secure defaults the Compose file asked for; each reason is printed in the chart's
  // README. TODO: confirm each one (the build refuses undeclared and unused ones).
  exceptions: [
    {
      kind: "hostPath",
      volume: "dbus",
      reason: "TODO: confirm: talks to the node's D-Bus (e.g. Bluetooth through BlueZ) (Compose: bind " +
        "mount /run/dbus)",
    },
    {
      kind: "hostNetwork",
      controller: "main",
      reason: "TODO: confirm: Compose ran it with network_mode: host (e.g. LAN discovery through mDNS " +
        "or SSDP)",
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
      // The Compose service homeassistant.
      // TODO: host network and no ports listed: add the web UI's port as service.main.ports.http (and an
      // ingress).
      main: {
        pod: {
          // TODO: Compose ran the image's own user (often root); the chart runs as 1000:1000. Check the
          // image's USER: an image that must start as root needs runAsNonRoot: false, runAsUser: 0 and a
          // runAsRoot exception.
          securityContext: { runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000 },
          hostNetwork: true,
        },
        containers: {
          // TODO: the root filesystem is read-only here (Compose's was writable): if the image writes outside
          // its volumes, mount an emptyDir there, or set securityContext.readOnlyRootFilesystem: false with a
          // writableRootFilesystem exception.
          // Docker gave the container its default capabilities (CHOWN, SETUID, SETGID, ...); the chart drops
          // all. TODO: an image that switches users at start (s6-overlay, gosu, su-exec) needs those it uses,
          // declared as a capabilities exception.
          // TODO: Compose had no healthcheck, and no TCP port to check: add probes from the service's docs.
          main: {
            // TODO: pin a release: Compose had "ghcr.io/home-assistant/home-assistant:stable" (its tag
            // "stable" moves with every release); the build refuses "latest".
            image: { repository: "ghcr.io/home-assistant/home-assistant", tag: "latest" },
            env: { TZ: "Europe/Amsterdam" },
            // TODO: size from the service's docs: placeholders.
            resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "1Gi" } },
            securityContext: { privileged: true, allowPrivilegeEscalation: true },
          },
        },
      },
    },
    persistence: {
      // TODO: Compose bind-mounted /PATH_TO_YOUR_CONFIG: a new claim starts empty. Copy the data in, or reuse
      // it with existingClaim, nfs or hostPath (with an exception).
      // TODO: size: a placeholder (Compose volumes have none); give what the data needs.
      config: { type: "persistentVolumeClaim", size: "1Gi", globalMounts: [{ path: "/config" }] },
      dbus: {
        type: "hostPath",
        hostPath: "/run/dbus",
        hostPathType: "Directory",
        globalMounts: [{ path: "/run/dbus", readOnly: true }],
      },
      // The root filesystem is read-only: most images need a writable /tmp.
      tmp: { type: "emptyDir", globalMounts: [{ path: "/tmp" }] },
    },
  },
});

/** Representative values: TODO: what another homelab changes. */
export const ciValues = defineCiValues({
  // TODO: another homelab's realistic choices; helm lint and the render tests check them.
  representative: { persistence: { config: { size: "4Gi" } } },
});

