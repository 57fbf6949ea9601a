import {
  defineCiValues,
  defineService,
  emptyDir,
  generatedSecret,
  hostIngress,
  secretEnv,
  tcpProbes,
  volumeClaim,
} from "@homelab/chart-kit";

const mqttCredential = (key: string) => ({
  valueFrom: { secretKeyRef: { name: "mqtt-credentials", key, optional: true } },
});

/**
 * Zigbee2MQTT. https://www.zigbee2mqtt.io/guide/installation/08_kubernetes.html
 *
 * - Runs as uid 1000 with a read-only root filesystem: the image sets no USER but writes only
 *   ZIGBEE2MQTT_DATA (the docs' rootless guidance is `user:` plus access to the serial device).
 * - Coordinator: a network (Ethernet/Wi-Fi) coordinator by default (serial.port tcp://host:6638,
 *   e.g. SLZB-06, or a USB stick behind ser2net): no host access, Pod Security restricted. The
 *   adapter must match the firmware (zstack for TI CC2652/CC1352, ember for Silabs EFR32): zstack
 *   is a placeholder an installer sets. A USB coordinator: the `usb` values below.
 * - Configuration: the ZIGBEE2MQTT_CONFIG_* variables are applied and written into
 *   /app/data/configuration.yaml at start, the MQTT password and frontend token included: the
 *   claim holds secrets. Z2M_ONBOARD_NO_SERVER skips the onboarding page 2.x shows when there is
 *   no configuration.yaml. network_key and pan_id are generated at the first start: back up
 *   /app/data.
 * - MQTT credentials: create Secret `mqtt-credentials` (keys username, password) in the release
 *   namespace, e.g. from the broker's generated password (Secret mosquitto-auth in namespace
 *   mosquitto). `optional` lets the pod start without it; it then cannot log in to a broker that
 *   refuses anonymous clients.
 * - The frontend asks for its generated auth token (Secret `<release>-frontend`, AUTH_TOKEN).
 *   Traefik passes the frontend's websocket (/api) through unchanged.
 * - A StatefulSet: a Zigbee coordinator takes one client, so never two pods during a rollout.
 */
export default defineService({
  name: "zigbee2mqtt",
  description:
    "Zigbee2MQTT: use Zigbee devices without the vendor's hub, over MQTT, with a web frontend; " +
    "a network coordinator by default.",
  home: "https://www.zigbee2mqtt.io",
  sources: ["https://github.com/Koenkk/zigbee2mqtt"],
  icon: "https://raw.githubusercontent.com/Koenkk/zigbee2mqtt/master/images/logo.png",
  keywords: ["zigbee", "mqtt", "iot", "home-automation", "homelab"],
  values: {
    controllers: {
      main: {
        type: "statefulset",
        containers: {
          main: {
            image: { repository: "ghcr.io/koenkk/zigbee2mqtt", tag: "2.12.1" },
            env: {
              TZ: "Etc/UTC",
              ZIGBEE2MQTT_DATA: "/app/data",
              Z2M_ONBOARD_NO_SERVER: "1",
              ZIGBEE2MQTT_CONFIG_MQTT_SERVER: "mqtt://mosquitto.mosquitto.svc.cluster.local:1883",
              ZIGBEE2MQTT_CONFIG_MQTT_USER: mqttCredential("username"),
              ZIGBEE2MQTT_CONFIG_MQTT_PASSWORD: mqttCredential("password"),
              ZIGBEE2MQTT_CONFIG_SERIAL_PORT: "tcp://zigbee-coordinator.home.arpa:6638",
              ZIGBEE2MQTT_CONFIG_SERIAL_ADAPTER: "zstack",
              ZIGBEE2MQTT_CONFIG_FRONTEND_ENABLED: "true",
              ZIGBEE2MQTT_CONFIG_FRONTEND_PORT: "8080",
              ZIGBEE2MQTT_CONFIG_FRONTEND_AUTH_TOKEN: secretEnv("frontend", "AUTH_TOKEN"),
              ZIGBEE2MQTT_CONFIG_HOMEASSISTANT_ENABLED: "true",
              ZIGBEE2MQTT_CONFIG_ADVANCED_LOG_OUTPUT: '["console"]',
            },
            probes: tcpProbes({ liveness: { periodSeconds: 30, timeoutSeconds: 10, failureThreshold: 5 } }),
            resources: { requests: { cpu: "50m", memory: "192Mi" }, limits: { memory: "600Mi" } },
          },
        },
      },
    },
    service: { main: { controller: "main", ports: { http: { port: 8080 } } } },
    ingress: { main: hostIngress({ host: "zigbee2mqtt.home.arpa" }) },
    persistence: {
      // configuration.yaml, database.db, coordinator_backup.json, state.json
      data: volumeClaim({ size: "1Gi", path: "/app/data" }),
      tmp: emptyDir({ path: "/tmp" }),
    },
    secrets: { frontend: generatedSecret({ AUTH_TOKEN: 32 }) },
  },
});

/**
 * Representative values: a Silabs network coordinator by address, another host with TLS.
 *
 * `usb`: a USB coordinator on node `hub` (use /dev/serial/by-id/... where the node has it; the
 * node's dialout group, gid 20 on Debian/Ubuntu, owns the tty 0660). Kubernetes has no
 * `devices:`: a host device node opens only when the container's device cgroup allows it, that is
 * with a device plugin that hands out the tty (e.g. squat/generic-device-plugin, akri) or in a
 * privileged container (`securityContext: { privileged: true, allowPrivilegeEscalation: true }`,
 * what the upstream chart does; left out of this set because the chart checks allow privilege
 * only where the definition declares it, and the default network coordinator needs none). The
 * host path makes the set Pod Security `privileged`.
 */
export const ciValues = defineCiValues({
  representative: {
    controllers: {
      main: {
        containers: {
          main: {
            env: {
              TZ: "Europe/Berlin",
              ZIGBEE2MQTT_CONFIG_SERIAL_PORT: "tcp://192.168.1.40:6638",
              ZIGBEE2MQTT_CONFIG_SERIAL_ADAPTER: "ember",
            },
          },
        },
      },
    },
    ingress: { main: hostIngress({ host: "zigbee.example.org", tlsSecret: "zigbee-tls" }) },
  },
  usb: {
    controllers: {
      main: {
        pod: {
          nodeSelector: { "kubernetes.io/hostname": "hub" },
          securityContext: { supplementalGroups: [20] },
        },
        containers: { main: { env: { ZIGBEE2MQTT_CONFIG_SERIAL_PORT: "/dev/ttyUSB0" } } },
      },
    },
    persistence: {
      usb: {
        type: "hostPath",
        hostPath: "/dev/ttyUSB0",
        hostPathType: "CharDevice",
        globalMounts: [{ path: "/dev/ttyUSB0" }],
      },
    },
  },
});
