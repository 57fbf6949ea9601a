import { defineCiValues, defineService, hostIngress, runAsRoot, volumeClaim } from "@homelab/chart-kit";

/** Home Assistant Container. https://www.home-assistant.io/installation/linux#docker-compose */
export default defineService({
  name: "home-assistant",
  description: "Home Assistant: open source home automation that puts local control and privacy first.",
  home: "https://www.home-assistant.io",
  sources: ["https://github.com/home-assistant/core"],
  icon: "https://brands.home-assistant.io/homeassistant/icon.png",
  keywords: ["home-automation", "iot", "homelab"],
  exceptions: [
    {
      kind: "hostNetwork",
      controller: "main",
      reason: "discovers devices on the LAN (mDNS, SSDP, HomeKit), which needs the node's network namespace",
    },
    { kind: "runAsRoot", controller: "main", reason: "the image's s6-overlay init runs as root" },
    {
      kind: "writableRootFilesystem",
      controller: "main",
      container: "main",
      reason: "s6-overlay writes /run and the image installs integration requirements at run time",
    },
  ],
  values: {
    controllers: {
      main: {
        pod: {
          hostNetwork: true,
          securityContext: runAsRoot({ fsGroup: 0 }),
        },
        containers: {
          main: {
            image: { repository: "ghcr.io/home-assistant/home-assistant", tag: "2025.1.4" },
            env: { TZ: "Etc/UTC" },
            probes: {
              startup: { type: "tcp", port: "http", spec: { failureThreshold: 60 } },
              liveness: { type: "tcp", port: "http" },
              readiness: { type: "http", path: "/manifest.json", port: "http" },
            },
            resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "2Gi" } },
            securityContext: { readOnlyRootFilesystem: false },
          },
        },
      },
    },
    service: { main: { controller: "main", ports: { http: { port: 8123 } } } },
    ingress: { main: hostIngress({ host: "home-assistant.home.arpa" }) },
    persistence: {
      config: volumeClaim({ size: "5Gi", path: "/config" }),
    },
  },
});

/** Representative values: another host, TLS, a bigger volume and a chosen node. */
export const ciValues = defineCiValues({
  representative: {
    ingress: { main: hostIngress({ host: "ha.example.org", tlsSecret: "ha-tls" }) },
    persistence: { config: { size: "20Gi", storageClass: "longhorn" } },
    controllers: {
      main: {
        pod: { nodeSelector: { "kubernetes.io/hostname": "hub" } },
        containers: { main: { env: { TZ: "America/New_York" } } },
      },
    },
  },
});
