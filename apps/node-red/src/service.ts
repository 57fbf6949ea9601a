import {
  defineCiValues,
  defineService,
  emptyDir,
  generatedSecret,
  hostIngress,
  httpProbes,
  secretEnv,
  volumeClaim,
} from "@homelab/chart-kit";

/**
 * settings.js, passed with --settings. Node-RED ships without any admin authentication: this uses
 * its documented custom `authenticate` function against the generated password (Secret
 * `<release>-app`, key ADMIN_PASSWORD; user NODE_RED_ADMIN_USER, default admin), so nobody has to
 * make a bcrypt hash. The alternative is `adminAuth` with a hash the installer supplies (their own
 * settings.js in this configMap).
 */
const settings = `// Written by the homelab chart: the editor and admin API need a login; passwords come from env (Secret).
const crypto = require("crypto");
const same = (a, b) => {
  const x = Buffer.from(String(a ?? ""));
  const y = Buffer.from(String(b ?? ""));
  return x.length === y.length && crypto.timingSafeEqual(x, y);
};
const admin = () => process.env.NODE_RED_ADMIN_USER || "admin";
module.exports = {
  flowFile: "flows.json",
  uiPort: 1880,
  credentialSecret: process.env.NODE_RED_CREDENTIAL_SECRET,
  adminAuth: {
    type: "credentials",
    users: (username) =>
      Promise.resolve(username === admin() ? { username, permissions: "*" } : null),
    authenticate: (username, password) =>
      Promise.resolve(
        same(username, admin()) && same(password, process.env.NODE_RED_ADMIN_PASSWORD)
          ? { username, permissions: "*" }
          : null,
      ),
  },
  logging: { console: { level: "info", metrics: false, audit: false } },
  editorTheme: { projects: { enabled: false } },
};
`;

/**
 * Node-RED. https://nodered.org/docs/getting-started/docker
 *
 * - Tag 5.0.4-24: Node-RED 5.0.4 on Node 24 (node-red-docker's README at v5.0.4). 5.0 is a major
 *   release; flows that need 4.x run on 4.1.13-22. The same tags are on ghcr.io/node-red/node-red.
 * - The image runs as node-red (uid 1000) and writes only /data (flows, credentials, installed
 *   palette nodes, the npm cache); /tmp is an emptyDir. Palette nodes with native code need this
 *   full (not -minimal) image.
 * - credentialSecret is generated for a new install. Moving existing flows here: keep their old
 *   secret (`secrets.app.existingSecret` naming a Secret with both keys) or their stored
 *   credentials cannot be decrypted.
 * - adminAuth protects the editor and admin API only; dashboards and HTTP-in endpoints on the same
 *   port are open (httpNodeAuth would cover them).
 * - MQTT nodes reach the broker at mosquitto.mosquitto.svc.cluster.local:1883.
 */
export default defineService({
  name: "node-red",
  description:
    "Node-RED: low-code flow-based programming for wiring together devices, APIs and online services.",
  home: "https://nodered.org",
  sources: ["https://github.com/node-red/node-red", "https://github.com/node-red/node-red-docker"],
  icon: "https://nodered.org/about/resources/media/node-red-icon.svg",
  keywords: ["automation", "flows", "iot", "mqtt", "homelab"],
  values: {
    controllers: {
      main: {
        type: "deployment",
        strategy: "Recreate",
        containers: {
          main: {
            image: { repository: "docker.io/nodered/node-red", tag: "5.0.4-24" },
            args: ["--settings", "/etc/node-red/settings.js"],
            env: {
              TZ: "Etc/UTC",
              NODE_RED_ADMIN_USER: "admin",
              NODE_RED_ADMIN_PASSWORD: secretEnv("app", "ADMIN_PASSWORD"),
              NODE_RED_CREDENTIAL_SECRET: secretEnv("app", "CREDENTIAL_SECRET"),
            },
            probes: httpProbes({
              path: "/",
              startup: { periodSeconds: 5, failureThreshold: 60 },
              liveness: { periodSeconds: 30, timeoutSeconds: 5 },
            }),
            resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "1Gi" } },
          },
        },
      },
    },
    service: { main: { controller: "main", ports: { http: { port: 1880 } } } },
    ingress: { main: hostIngress({ host: "node-red.home.arpa" }) },
    // A JavaScript file: not passed through tpl.
    configMaps: { settings: { templated: false, data: { "settings.js": settings } } },
    secrets: { app: generatedSecret({ ADMIN_PASSWORD: 32, CREDENTIAL_SECRET: 32 }) },
    persistence: {
      // flows, credentials, installed palette nodes (node_modules), the .npm cache
      data: volumeClaim({ size: "2Gi", path: "/data" }),
      settings: {
        type: "configMap",
        identifier: "settings",
        globalMounts: [{ path: "/etc/node-red", readOnly: true }],
      },
      tmp: emptyDir({ path: "/tmp" }),
    },
  },
});

/** Representative values: another admin name and host with TLS, a bigger volume on Longhorn. */
export const ciValues = defineCiValues({
  representative: {
    controllers: {
      main: { containers: { main: { env: { TZ: "Europe/Berlin", NODE_RED_ADMIN_USER: "flows" } } } },
    },
    ingress: { main: hostIngress({ host: "flows.example.org", tlsSecret: "flows-tls" }) },
    persistence: { data: { size: "5Gi", storageClass: "longhorn" } },
  },
});
