import { defineCiValues, defineService, emptyDir, hostIngress, volumeClaim } from "@homelab/chart-kit";

/** Uptime Kuma. https://github.com/louislam/uptime-kuma/wiki/%F0%9F%94%A7-How-to-Install */
export default defineService({
  name: "uptime-kuma",
  description: "Uptime Kuma: a self-hosted monitoring tool for websites, services and certificates.",
  home: "https://uptime.kuma.pet",
  sources: ["https://github.com/louislam/uptime-kuma"],
  icon: "https://raw.githubusercontent.com/louislam/uptime-kuma/master/public/icon.png",
  keywords: ["monitoring", "uptime", "homelab"],
  values: {
    controllers: {
      main: {
        containers: {
          main: {
            image: { repository: "docker.io/louislam/uptime-kuma", tag: "1.23.16" },
            env: { TZ: "Etc/UTC", UPTIME_KUMA_PORT: "3001" },
            probes: {
              startup: { type: "tcp", port: "http", spec: { failureThreshold: 30 } },
              liveness: { type: "http", path: "/", port: "http" },
              readiness: { type: "tcp", port: "http" },
            },
            resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "512Mi" } },
          },
        },
      },
    },
    service: { main: { controller: "main", ports: { http: { port: 3001 } } } },
    ingress: { main: hostIngress({ host: "uptime-kuma.home.arpa" }) },
    persistence: {
      data: volumeClaim({ size: "2Gi", path: "/app/data" }),
      tmp: emptyDir({ path: "/tmp" }),
    },
  },
});

/** Representative values: a StatefulSet on another host. */
export const ciValues = defineCiValues({
  representative: {
    controllers: { main: { type: "statefulset" } },
    ingress: { main: hostIngress({ host: "status.example.org" }) },
  },
});
