import {
  defineCiValues,
  defineService,
  emptyDir,
  generatedSecret,
  hostIngress,
  httpProbes,
  ingressHost,
  secretEnv,
  volumeClaim,
} from "@homelab/chart-kit";

/** Vaultwarden: a Bitwarden-compatible server. https://github.com/dani-garcia/vaultwarden/wiki */
export default defineService({
  name: "vaultwarden",
  description:
    "Vaultwarden: an unofficial Bitwarden-compatible password manager server, light enough for a homelab.",
  home: "https://github.com/dani-garcia/vaultwarden",
  sources: ["https://github.com/dani-garcia/vaultwarden"],
  icon: "https://raw.githubusercontent.com/dani-garcia/vaultwarden/main/resources/vaultwarden-icon.png",
  keywords: ["passwords", "bitwarden", "homelab"],
  values: {
    controllers: {
      main: {
        containers: {
          main: {
            image: { repository: "docker.io/vaultwarden/server", tag: "1.33.2" },
            env: {
              ROCKET_PORT: "8080",
              DATA_FOLDER: "/data",
              DOMAIN: `https://${ingressHost()}`,
              SIGNUPS_ALLOWED: "false",
              TZ: "Etc/UTC",
              ADMIN_TOKEN: secretEnv("admin", "ADMIN_TOKEN"),
            },
            probes: httpProbes({ path: "/alive", startup: false }),
            resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "512Mi" } },
          },
        },
      },
    },
    service: { main: { controller: "main", ports: { http: { port: 80, targetPort: 8080 } } } },
    ingress: { main: hostIngress({ host: "vaultwarden.home.arpa" }) },
    persistence: {
      data: volumeClaim({ size: "1Gi", path: "/data" }),
      tmp: emptyDir({ path: "/tmp", sizeLimit: "256Mi" }),
    },
    secrets: { admin: generatedSecret({ ADMIN_TOKEN: 48 }) },
  },
});

/** Representative values: an existing admin-token Secret, signups open, TLS. */
export const ciValues = defineCiValues({
  representative: {
    secrets: { admin: { existingSecret: "vaultwarden-admin" } },
    controllers: { main: { containers: { main: { env: { SIGNUPS_ALLOWED: "true" } } } } },
    ingress: { main: hostIngress({ host: "vault.example.org", tlsSecret: "vault-tls" }) },
  },
});
