import { defineCiValues, defineService } from "@homelab/chart-kit";

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
              DOMAIN: "https://{{ (index .Values.ingress.main.hosts 0).host }}",
              SIGNUPS_ALLOWED: "false",
              TZ: "Etc/UTC",
              ADMIN_TOKEN: { valueFrom: { secretKeyRef: { identifier: "admin", key: "ADMIN_TOKEN" } } },
            },
            probes: {
              liveness: { type: "http", path: "/alive", port: "http" },
              readiness: { type: "http", path: "/alive", port: "http" },
            },
            resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "512Mi" } },
          },
        },
      },
    },
    service: { main: { controller: "main", ports: { http: { port: 80, targetPort: 8080 } } } },
    ingress: {
      main: {
        hosts: [
          {
            host: "vaultwarden.home.arpa",
            paths: [{ path: "/", service: { identifier: "main", port: "http" } }],
          },
        ],
      },
    },
    persistence: {
      data: { type: "persistentVolumeClaim", size: "1Gi", globalMounts: [{ path: "/data" }] },
      tmp: { type: "emptyDir", sizeLimit: "256Mi", globalMounts: [{ path: "/tmp" }] },
    },
    secrets: { admin: { generate: { ADMIN_TOKEN: { length: 48 } } } },
  },
});

/** Representative values: an existing admin-token Secret, signups open, TLS. */
export const ciValues = defineCiValues({
  representative: {
    secrets: { admin: { existingSecret: "vaultwarden-admin" } },
    controllers: { main: { containers: { main: { env: { SIGNUPS_ALLOWED: "true" } } } } },
    ingress: {
      main: {
        hosts: [
          {
            host: "vault.example.org",
            paths: [{ path: "/", service: { identifier: "main", port: "http" } }],
          },
        ],
        tls: [{ hosts: ["vault.example.org"], secretName: "vault-tls" }],
      },
    },
  },
});
