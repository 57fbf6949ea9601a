import { defineCiValues, defineService, emptyDir, hostIngress, volumeClaim } from "@homelab/chart-kit";

/**
 * ESPHome Device Builder. https://esphome.io/install/docker/
 *
 * - Image: home-operations/esphome runs unprivileged (HOME=/config, PLATFORMIO_CORE_DIR=/cache/pio,
 *   catatonit, no s6) and starts `esphome-device-builder --host "" /config`. The official
 *   ghcr.io/esphome/esphome needs root (upstream issues 2752 and 3558): it would need runAsRoot and
 *   writableRootFilesystem exceptions.
 * - ESPHome 2026.7 replaced the old dashboard by the Device Builder; its old /version health URL
 *   may be gone, so the probes use TCP and GET /.
 * - A read-only root filesystem works with /config, /cache and /tmp writable.
 * - Host network (the one exception): the Device Builder discovers devices, resolves their .local
 *   names and tracks whether they are online with mDNS multicast, which needs the node's network
 *   (the docs run it with --net=host). It binds 6052 on the node; the Service and ingress still
 *   reach it. Network policies do not isolate host-network pods. Its ping check as non-root needs
 *   the node's net.ipv4.ping_group_range to include gid 1000 (Debian/Ubuntu allow all).
 *   Without mDNS (`no-host-network` values), devices need use_address/manual_ip in their YAML.
 * - No login is configured (the old dashboard's USERNAME/PASSWORD do not apply to the Device
 *   Builder): keep the ingress internal or put Traefik auth (forwardAuth, basicAuth) in front.
 * - OTA flashing connects from the pod to the device (TCP 3232/8266). Flashing over USB from the
 *   pod is not set up; ESPHome Web in the browser does the first flash.
 */
export default defineService({
  name: "esphome",
  description:
    "ESPHome Device Builder: the dashboard that writes, compiles and flashes (over the air) firmware " +
    "for ESP32/ESP8266 devices.",
  home: "https://esphome.io",
  sources: [
    "https://github.com/esphome/esphome",
    "https://github.com/esphome/device-builder",
    "https://github.com/home-operations/containers/tree/main/apps/esphome",
  ],
  icon: "https://brands.home-assistant.io/esphome/icon.png",
  keywords: ["iot", "esp32", "firmware", "home-automation", "homelab"],
  exceptions: [
    {
      kind: "hostNetwork",
      controller: "main",
      reason:
        "the Device Builder discovers devices, resolves their .local names and tracks them with mDNS " +
        "(multicast), which needs the node's network namespace; the ESPHome Docker docs use --net=host",
    },
  ],
  values: {
    controllers: {
      main: {
        type: "deployment",
        strategy: "Recreate", // host network: two pods on one node would fight over port 6052
        pod: { hostNetwork: true }, // dnsPolicy becomes ClusterFirstWithHostNet
        containers: {
          main: {
            image: { repository: "ghcr.io/home-operations/esphome", tag: "2026.8.0" },
            env: { TZ: "Etc/UTC" },
            probes: {
              startup: { type: "tcp", port: "http", spec: { periodSeconds: 10, failureThreshold: 30 } },
              liveness: { type: "tcp", port: "http", spec: { periodSeconds: 30, timeoutSeconds: 5 } },
              readiness: { type: "http", path: "/", port: "http" },
            },
            // PlatformIO / ESP-IDF compiles peak at several GiB.
            resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "4Gi" } },
          },
        },
      },
    },
    service: { main: { controller: "main", ports: { http: { port: 6052 } } } },
    ingress: { main: hostIngress({ host: "esphome.home.arpa" }) },
    persistence: {
      // device YAMLs and secrets.yaml (HOME=/config in the image)
      config: volumeClaim({ size: "1Gi", path: "/config" }),
      // PlatformIO toolchains and build directories: regenerable
      cache: volumeClaim({ size: "10Gi", path: "/cache", retain: false }),
      tmp: emptyDir({ path: "/tmp" }),
    },
  },
});

/**
 * Representative values: the node on the IoT VLAN, more room for compiles, another host with TLS.
 * `no-host-network`: without mDNS, where Pod Security restricted suffices.
 */
export const ciValues = defineCiValues({
  representative: {
    controllers: {
      main: {
        pod: { nodeSelector: { "kubernetes.io/hostname": "hub" } },
        containers: {
          main: {
            env: { TZ: "Europe/Berlin" },
            resources: { requests: { cpu: "500m", memory: "512Mi" }, limits: { memory: "6Gi" } },
          },
        },
      },
    },
    ingress: { main: hostIngress({ host: "esphome.example.org", tlsSecret: "esphome-tls" }) },
    persistence: { cache: { size: "20Gi" } },
  },
  "no-host-network": { controllers: { main: { pod: { hostNetwork: false } } } },
});
