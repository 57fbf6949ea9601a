import { defineCiValues, defineService, hostIngress, tcpProbes, volumeClaim } from "@homelab/chart-kit";

/** AdGuard Home. https://github.com/AdguardTeam/AdGuardHome/wiki/Docker */
export default defineService({
  name: "adguard-home",
  description: "AdGuard Home: network-wide DNS server that blocks ads and trackers for every device at home.",
  home: "https://adguard.com/adguard-home/overview.html",
  sources: ["https://github.com/AdguardTeam/AdGuardHome"],
  icon: "https://raw.githubusercontent.com/AdguardTeam/AdGuardHome/master/client/public/assets/apple-touch-icon-180x180.png",
  keywords: ["dns", "adblock", "homelab"],
  exceptions: [
    {
      kind: "capabilities",
      controller: "main",
      container: "main",
      reason: "serves DNS on port 53 as a non-root user",
    },
  ],
  values: {
    controllers: {
      main: {
        containers: {
          main: {
            image: { repository: "docker.io/adguard/adguardhome", tag: "v0.107.57" },
            probes: tcpProbes({ startup: false }),
            resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "512Mi" } },
            securityContext: { capabilities: { add: ["NET_BIND_SERVICE"] } },
          },
        },
      },
    },
    service: {
      main: { controller: "main", ports: { http: { port: 3000 } } },
      dns: {
        controller: "main",
        type: "LoadBalancer",
        ports: { "dns-tcp": { port: 53, protocol: "TCP" }, "dns-udp": { port: 53, protocol: "UDP" } },
      },
    },
    ingress: { main: hostIngress({ host: "adguard-home.home.arpa" }) },
    persistence: {
      conf: volumeClaim({ size: "100Mi", path: "/opt/adguardhome/conf" }),
      work: volumeClaim({ size: "2Gi", path: "/opt/adguardhome/work" }),
    },
  },
});

/** Representative values: DNS on a NodePort, no ingress. */
export const ciValues = defineCiValues({
  representative: {
    service: { dns: { type: "NodePort" } },
    ingress: { main: { enabled: false } },
    persistence: { work: { size: "5Gi" } },
  },
});
