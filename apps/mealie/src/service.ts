import {
  defineCiValues,
  defineService,
  emptyDir,
  hostIngress,
  httpProbes,
  ingressHost,
  postgresController,
  volumeClaim,
} from "@homelab/chart-kit";

/** The database; PGUSER lets the bare `pg_isready` check as mealie. */
const postgres = postgresController({
  database: "mealie",
  size: "2Gi",
  env: { PGUSER: "mealie" },
  readyCommand: ["pg_isready"],
  resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "512Mi" } },
});

/**
 * Mealie with its own PostgreSQL. https://docs.mealie.io/documentation/getting-started/installation/postgres/
 *
 * - Non-root: docker/entry.sh runs Mealie directly when `id -u` equals PUID (no gosu, no chown);
 *   only when started as root does it chown /app and drop to PUID. PUID/PGID 1000 with uid 1000 is
 *   the upstream-supported path.
 * - Read-only root filesystem (not documented upstream): entry.sh only changes directory, sources
 *   the venv and reads *_FILE secrets; data goes to /app/data and Python's temporary files to /tmp.
 * - The docs recommend a memory limit of about 1000M: Python pre-allocates on big hosts.
 * - The probes call /api/app/about, as the image's HEALTHCHECK script does.
 * - Existing database instead: `controllers.postgres.enabled: false`, `service.postgres.enabled:
 *   false`, and override POSTGRES_SERVER, POSTGRES_PORT, POSTGRES_DB, POSTGRES_USER and
 *   POSTGRES_PASSWORD (secretKeyRef `name:` an existing Secret, or `secrets.db.existingSecret`), or
 *   set POSTGRES_URL_OVERRIDE. SQLite instead: DB_ENGINE=sqlite and the postgres controller off
 *   (fine for a few users; fuzzy search and a few other features need PostgreSQL).
 */
export default defineService({
  name: "mealie",
  description:
    "Mealie: a self-hosted recipe manager and meal planner; with its PostgreSQL database (an existing " +
    "database: disable controllers.postgres and set POSTGRES_*).",
  home: "https://mealie.io",
  sources: ["https://github.com/mealie-recipes/mealie"],
  icon: "https://raw.githubusercontent.com/mealie-recipes/mealie/mealie-next/frontend/static/icon.png",
  keywords: ["recipes", "meal-planning", "shopping-list", "homelab"],
  values: {
    controllers: {
      main: {
        type: "deployment",
        strategy: "Recreate",
        containers: {
          main: {
            image: { repository: "ghcr.io/mealie-recipes/mealie", tag: "v3.28.0" },
            env: {
              PUID: "1000",
              PGID: "1000",
              TZ: "Etc/UTC",
              BASE_URL: `https://${ingressHost()}`,
              ALLOW_SIGNUP: "false",
              DB_ENGINE: "postgres",
              POSTGRES_SERVER: postgres.host,
              POSTGRES_PORT: String(postgres.port),
              POSTGRES_DB: "mealie",
              POSTGRES_USER: "mealie",
              POSTGRES_PASSWORD: postgres.passwordEnv(),
            },
            probes: httpProbes({ path: "/api/app/about" }),
            resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "1000Mi" } },
          },
        },
      },
      ...postgres.controllers,
    },
    service: {
      main: { controller: "main", ports: { http: { port: 9000 } } },
      ...postgres.service,
    },
    ingress: { main: hostIngress({ host: "mealie.home.arpa" }) },
    persistence: {
      data: volumeClaim({ size: "2Gi", path: "/app/data", mountIn: { controller: "main" } }),
      tmp: emptyDir({ path: "/tmp" }),
      ...postgres.persistence,
    },
    secrets: { ...postgres.secrets },
  },
});

/** Representative values: open sign-up with mail, a bigger database volume, another host with TLS. */
export const ciValues = defineCiValues({
  representative: {
    controllers: {
      main: {
        containers: {
          main: {
            env: {
              TZ: "Europe/Berlin",
              ALLOW_SIGNUP: "true",
              SMTP_HOST: "smtp.example.org",
              SMTP_PORT: "587",
              SMTP_FROM_EMAIL: "mealie@example.org",
            },
          },
        },
      },
      postgres: {
        statefulset: {
          volumeClaimTemplates: [
            { name: "pgdata", size: "5Gi", globalMounts: [{ path: "/var/lib/postgresql/data" }] },
          ],
        },
      },
    },
    ingress: { main: hostIngress({ host: "recipes.example.org", tlsSecret: "recipes-tls" }) },
  },
});
