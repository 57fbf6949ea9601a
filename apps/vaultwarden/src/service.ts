import type { Json } from "@homelab/chart-kit";
import { defineService } from "@homelab/chart-kit";

/** Vaultwarden: a Bitwarden-compatible server. https://github.com/dani-garcia/vaultwarden/wiki */
export default defineService({
  name: "vaultwarden",
  description: "Vaultwarden: an unofficial Bitwarden-compatible password manager server, light enough for a homelab.",
  home: "https://github.com/dani-garcia/vaultwarden",
  sources: ["https://github.com/dani-garcia/vaultwarden"],
  icon: "https://raw.githubusercontent.com/dani-garcia/vaultwarden/main/resources/vaultwarden-icon.png",
  keywords: ["passwords", "bitwarden", "homelab"],
  controllers: {
    main: {
      image: { repository: "docker.io/vaultwarden/server", tag: "1.33.2" },
      env: {
        ROCKET_PORT: "8080",
        DATA_FOLDER: "/data",
        DOMAIN: "https://{{ .Values.ingress.main.host }}",
        SIGNUPS_ALLOWED: "false",
        TZ: "Etc/UTC",
      },
      secretEnv: { ADMIN_TOKEN: { secret: "admin", key: "ADMIN_TOKEN" } },
      probes: {
        liveness: { type: "http", path: "/alive", port: "http" },
        readiness: { type: "http", path: "/alive", port: "http" },
      },
      resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "512Mi" } },
    },
  },
  services: { main: { ports: { http: { port: 80, targetPort: 8080 } } } },
  ingress: { main: { port: "http" } },
  persistence: {
    data: { type: "persistentVolumeClaim", mountPath: "/data", size: "1Gi" },
    tmp: { type: "emptyDir", mountPath: "/tmp", sizeLimit: "256Mi" },
  },
  secrets: { admin: { generate: { ADMIN_TOKEN: { length: 48 } } } },
});

/** Representative values: an existing admin-token Secret, signups open, TLS. */
export const ciValues: Record<string, Record<string, Json>> = {
  representative: {
    secrets: { admin: { existingSecret: "vaultwarden-admin" } },
    controllers: { main: { env: { SIGNUPS_ALLOWED: "true" } } },
    ingress: { main: { host: "vault.example.org", tls: { enabled: true, secretName: "vault-tls" } } },
  },
};
