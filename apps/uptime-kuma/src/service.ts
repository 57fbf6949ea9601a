import type { Json } from "@homelab/chart-kit";
import { defineService } from "@homelab/chart-kit";

/** Uptime Kuma. https://github.com/louislam/uptime-kuma/wiki/%F0%9F%94%A7-How-to-Install */
export default defineService({
  name: "uptime-kuma",
  description: "Uptime Kuma: a self-hosted monitoring tool for websites, services and certificates.",
  home: "https://uptime.kuma.pet",
  sources: ["https://github.com/louislam/uptime-kuma"],
  icon: "https://raw.githubusercontent.com/louislam/uptime-kuma/master/public/icon.png",
  keywords: ["monitoring", "uptime", "homelab"],
  controllers: {
    main: {
      image: { repository: "docker.io/louislam/uptime-kuma", tag: "1.23.16" },
      env: { TZ: "Etc/UTC", UPTIME_KUMA_PORT: "3001" },
      probes: {
        startup: { type: "tcp", port: "http", timing: { failureThreshold: 30 } },
        liveness: { type: "http", path: "/", port: "http" },
        readiness: { type: "tcp", port: "http" },
      },
      resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "512Mi" } },
    },
  },
  services: { main: { ports: { http: { port: 3001 } } } },
  ingress: { main: { port: "http" } },
  persistence: {
    data: { type: "persistentVolumeClaim", mountPath: "/app/data", size: "2Gi" },
    tmp: { type: "emptyDir", mountPath: "/tmp" },
  },
});

/** Representative values: a StatefulSet on another host. */
export const ciValues: Record<string, Record<string, Json>> = {
  representative: {
    controllers: { main: { type: "statefulset" } },
    ingress: { main: { host: "status.example.org" } },
  },
};
