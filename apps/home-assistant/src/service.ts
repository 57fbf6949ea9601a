import type { Json } from "@homelab/chart-kit";
import { defineService } from "@homelab/chart-kit";

/** Home Assistant Container. https://www.home-assistant.io/installation/linux#docker-compose */
export default defineService({
  name: "home-assistant",
  description: "Home Assistant: open source home automation that puts local control and privacy first.",
  home: "https://www.home-assistant.io",
  sources: ["https://github.com/home-assistant/core"],
  icon: "https://brands.home-assistant.io/homeassistant/icon.png",
  keywords: ["home-automation", "iot", "homelab"],
  controllers: {
    main: {
      image: { repository: "ghcr.io/home-assistant/home-assistant", tag: "2025.1.4" },
      env: { TZ: "Etc/UTC" },
      hostNetwork: { reason: "discovers devices on the LAN (mDNS, SSDP, HomeKit), which needs the node's network namespace" },
      runAsRoot: { reason: "the image's s6-overlay init runs as root" },
      writableRootFilesystem: { reason: "s6-overlay writes /run and the image installs integration requirements at run time" },
      probes: {
        startup: { type: "tcp", port: "http", timing: { failureThreshold: 60 } },
        liveness: { type: "tcp", port: "http" },
        readiness: { type: "http", path: "/manifest.json", port: "http" },
      },
      resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "2Gi" } },
    },
  },
  services: { main: { ports: { http: { port: 8123 } } } },
  ingress: { main: { port: "http" } },
  persistence: {
    config: { type: "persistentVolumeClaim", mountPath: "/config", size: "5Gi" },
  },
});

/** Representative values: another host, TLS and a bigger volume. */
export const ciValues: Record<string, Record<string, Json>> = {
  representative: {
    ingress: { main: { host: "ha.example.org", tls: { enabled: true } } },
    persistence: { config: { size: "20Gi", storageClass: "longhorn" } },
    controllers: { main: { env: { TZ: "America/New_York" }, nodeSelector: { "kubernetes.io/hostname": "hub" } } },
  },
};
