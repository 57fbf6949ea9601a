import {
  allowFromNamespaces,
  defineCiValues,
  defineService,
  emptyDir,
  generatedSecret,
  hostIngress,
  runAsUser,
  secretEnv,
  tcpProbes,
  volumeClaim,
} from "@homelab/chart-kit";

/*
 * Eclipse Mosquitto. https://github.com/eclipse-mosquitto/mosquitto/blob/master/docker/2.1-alpine/README.md
 *
 * Tag 2.1.2-alpine of the Docker official image `eclipse-mosquitto`. It runs as 1883:1883, the image's
 * `mosquitto` user (not root, so the entrypoint's chown is skipped). Read-only root fs: the broker writes only
 * /mosquitto/data (a claim) and logs to stdout. The image CMD already reads /mosquitto/config/mosquitto.conf,
 * which comes from the configMap `config`. The 9883 HTTP dashboard listener of the image's own config is off.
 *
 * Password file: Helm cannot make mosquitto hashes (salted PBKDF2/argon2; Helm has only bcrypt/htpasswd), so
 * the `passwd` init container runs mosquitto_passwd: it hashes the generated password (Secret `auth`, key
 * MQTT_PASSWORD, for user MQTT_USERNAME, default `homelab`) into an in-memory emptyDir, after copying the
 * optional installer Secret of pre-hashed users (`persistence.users`, key `passwd`, lines made by
 * `mosquitto_passwd`; ci/extra-users-values.yaml). The file is rebuilt at every pod start, so a changed users
 * Secret takes effect on the next restart. mosquitto_passwd updates an existing file through a temporary file
 * it always makes in /tmp (mkstemp, apps/mosquitto_passwd), so the init container gets an emptyDir there.
 * Why a copy: mosquitto 2.1 opens password and ACL files with O_NOFOLLOW, and Secret/configMap volumes are
 * symlinks (..data). Mounting the Secret directly would need MOSQUITTO_UNSAFE_ALLOW_SYMLINKS=1 (2.1.1+) or a
 * subPath mount (which never updates). The main config (-c) is opened without that restriction.
 * 2.1 deprecates `password_file`/`acl_file` and `per_listener_settings` in favour of the plugins used here;
 * `protocol websockets` uses the built-in implementation.
 *
 * Clients in other namespaces (zigbee2mqtt, home-assistant, node-red, frigate, esphome; allowed by the network
 * policy) connect to mosquitto.mosquitto.svc.cluster.local:1883 and need a copy of the password from Secret
 * `mosquitto-auth` (namespace mosquitto).
 */
const script = `umask 077
rm -f /mosquitto/auth/passwd /mosquitto/auth/passwd.tmp
if [ -s /mosquitto/users/passwd ]; then
  cp /mosquitto/users/passwd /mosquitto/auth/passwd
  mosquitto_passwd -b /mosquitto/auth/passwd "$MQTT_USERNAME" "$MQTT_PASSWORD"
else
  mosquitto_passwd -c -b /mosquitto/auth/passwd "$MQTT_USERNAME" "$MQTT_PASSWORD"
fi
`;

const config = `# Written by the homelab chart. One broker-wide auth (per_listener_settings is deprecated in 2.1).
allow_anonymous false
plugin /usr/lib/mosquitto_password_file.so
plugin_opt_password_file /mosquitto/auth/passwd

listener 1883
protocol mqtt

listener 9001
protocol websockets

persistence true
persistence_location /mosquitto/data/
autosave_interval 300

log_dest stdout
log_type error
log_type warning
log_type notice
log_type information
`;

const image = { repository: "docker.io/library/eclipse-mosquitto", tag: "2.1.2-alpine" };

export default defineService({
  name: "mosquitto",
  description:
    "Eclipse Mosquitto, the lightweight MQTT broker for home automation (MQTT on 1883, MQTT over WebSockets " +
    "on 9001).",
  home: "https://mosquitto.org",
  sources: ["https://github.com/eclipse-mosquitto/mosquitto"],
  icon: "https://raw.githubusercontent.com/eclipse-mosquitto/mosquitto/master/logo/mosquitto-logo-only.svg",
  keywords: ["mqtt", "iot", "home-automation", "broker", "homelab"],
  values: {
    controllers: {
      main: {
        type: "deployment",
        strategy: "Recreate",
        // the image's mosquitto user; the other keys of the secure default stay
        pod: { securityContext: runAsUser(1883) },
        initContainers: {
          passwd: {
            image,
            command: ["/bin/sh", "-ec"],
            args: [script],
            env: {
              MQTT_USERNAME: "homelab",
              MQTT_PASSWORD: secretEnv("auth", "MQTT_PASSWORD"),
            },
            resources: { requests: { cpu: "10m", memory: "16Mi" }, limits: { memory: "64Mi" } },
          },
        },
        containers: {
          main: {
            image,
            probes: tcpProbes({ port: "mqtt", startup: { periodSeconds: 5, failureThreshold: 12 } }),
            resources: { requests: { cpu: "10m", memory: "16Mi" }, limits: { memory: "128Mi" } },
          },
        },
      },
    },
    service: { main: { controller: "main", ports: { mqtt: { port: 1883 }, websockets: { port: 9001 } } } },
    configMaps: { config: { data: { "mosquitto.conf": config } } },
    secrets: { auth: generatedSecret({ MQTT_PASSWORD: 32 }) },
    persistence: {
      config: {
        type: "configMap",
        identifier: "config",
        globalMounts: [{ path: "/mosquitto/config", readOnly: true }],
      },
      auth: emptyDir({ path: "/mosquitto/auth", medium: "Memory", sizeLimit: "1Mi" }),
      users: {
        // Optional installer Secret with more users: key `passwd`, lines made by `mosquitto_passwd`.
        enabled: false,
        type: "secret",
        name: "mosquitto-users",
        defaultMode: 0o440,
        advancedMounts: { main: { passwd: [{ path: "/mosquitto/users", readOnly: true }] } },
      },
      data: volumeClaim({ size: "1Gi", path: "/mosquitto/data" }),
      // mosquitto_passwd's temporary file when it adds to the installer's users (read-only root fs)
      tmp: emptyDir({
        path: "/tmp",
        medium: "Memory",
        sizeLimit: "1Mi",
        mountIn: { controller: "main", container: "passwd" },
      }),
    },
    networkpolicies: {
      // the MQTT clients of the homelab catalog, each in its own namespace
      main: allowFromNamespaces(["zigbee2mqtt", "home-assistant", "node-red", "frigate", "esphome"]),
    },
  },
});

/**
 * representative: LAN devices (Tasmota, Shelly, ESPHome nodes) reach the broker through a LoadBalancer IP;
 * browsers reach the WebSocket listener through the ingress with TLS.
 * extra-users: the installer's Secret `mosquitto-users` adds pre-hashed users; the generated password is `admin`'s.
 */
export const ciValues = defineCiValues({
  representative: {
    service: {
      main: { type: "LoadBalancer", loadBalancerIP: "192.168.1.53", externalTrafficPolicy: "Local" },
    },
    ingress: {
      main: hostIngress({
        host: "mqtt.example.org",
        port: "websockets",
        className: "traefik",
        pathType: "Prefix",
        tlsSecret: "mqtt-tls",
      }),
    },
    persistence: { data: { storageClass: "longhorn" } },
  },
  "extra-users": {
    controllers: { main: { initContainers: { passwd: { env: { MQTT_USERNAME: "admin" } } } } },
    persistence: { users: { enabled: true, name: "mosquitto-users" } },
  },
});
