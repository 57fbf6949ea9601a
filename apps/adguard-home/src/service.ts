import type { Json } from "@homelab/chart-kit";
import { defineService } from "@homelab/chart-kit";

/** AdGuard Home. https://github.com/AdguardTeam/AdGuardHome/wiki/Docker */
export default defineService({
  name: "adguard-home",
  description: "AdGuard Home: network-wide DNS server that blocks ads and trackers for every device at home.",
  home: "https://adguard.com/adguard-home/overview.html",
  sources: ["https://github.com/AdguardTeam/AdGuardHome"],
  icon: "https://raw.githubusercontent.com/AdguardTeam/AdGuardHome/master/client/public/assets/apple-touch-icon-180x180.png",
  keywords: ["dns", "adblock", "homelab"],
  controllers: {
    main: {
      image: { repository: "docker.io/adguard/adguardhome", tag: "v0.107.57" },
      capabilities: { add: ["NET_BIND_SERVICE"], reason: "serves DNS on port 53 as a non-root user" },
      probes: {
        liveness: { type: "tcp", port: "http" },
        readiness: { type: "tcp", port: "http" },
      },
      resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "512Mi" } },
    },
  },
  services: {
    main: { ports: { http: { port: 3000 } } },
    dns: {
      type: "LoadBalancer",
      ports: { "dns-tcp": { port: 53, protocol: "TCP" }, "dns-udp": { port: 53, protocol: "UDP" } },
    },
  },
  ingress: { main: { port: "http" } },
  persistence: {
    conf: { type: "persistentVolumeClaim", mountPath: "/opt/adguardhome/conf", size: "100Mi" },
    work: { type: "persistentVolumeClaim", mountPath: "/opt/adguardhome/work", size: "2Gi" },
  },
});

/** Representative values: DNS on a NodePort, no ingress. */
export const ciValues: Record<string, Record<string, Json>> = {
  representative: {
    service: { dns: { type: "NodePort" } },
    ingress: { main: { enabled: false } },
    persistence: { work: { size: "5Gi" } },
  },
};
