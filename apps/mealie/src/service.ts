import { defineCiValues, defineService } from "@homelab/chart-kit";

const dbPassword = () => ({ valueFrom: { secretKeyRef: { identifier: "db", key: "POSTGRES_PASSWORD" } } });
const pgReady = () => ({ type: "exec" as const, command: ["pg_isready"] });

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
              BASE_URL: "https://{{ (index .Values.ingress.main.hosts 0).host }}",
              ALLOW_SIGNUP: "false",
              DB_ENGINE: "postgres",
              POSTGRES_SERVER: '{{ include "homelab.componentName" (dict "root" . "id" "postgres") }}',
              POSTGRES_PORT: "5432",
              POSTGRES_DB: "mealie",
              POSTGRES_USER: "mealie",
              POSTGRES_PASSWORD: dbPassword(),
            },
            probes: {
              startup: {
                type: "http",
                path: "/api/app/about",
                port: "http",
                spec: { periodSeconds: 10, failureThreshold: 30 },
              },
              liveness: { type: "http", path: "/api/app/about", port: "http" },
              readiness: { type: "http", path: "/api/app/about", port: "http" },
            },
            resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "1000Mi" } },
          },
        },
      },
      postgres: {
        type: "statefulset",
        statefulset: {
          volumeClaimTemplates: [
            { name: "pgdata", size: "2Gi", globalMounts: [{ path: "/var/lib/postgresql/data" }] },
          ],
        },
        containers: {
          main: {
            image: { repository: "docker.io/library/postgres", tag: "17.7" },
            env: {
              POSTGRES_USER: "mealie",
              POSTGRES_DB: "mealie",
              PGUSER: "mealie",
              POSTGRES_PASSWORD: dbPassword(),
              // A subdirectory, so initdb does not trip over lost+found on some volumes.
              PGDATA: "/var/lib/postgresql/data/pgdata",
            },
            probes: {
              startup: { ...pgReady(), spec: { periodSeconds: 5, failureThreshold: 60 } },
              liveness: pgReady(),
              readiness: pgReady(),
            },
            resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "512Mi" } },
          },
        },
      },
    },
    service: {
      main: { controller: "main", ports: { http: { port: 9000 } } },
      postgres: { controller: "postgres", ports: { postgres: { port: 5432 } } },
    },
    ingress: {
      main: {
        hosts: [
          { host: "mealie.home.arpa", paths: [{ path: "/", service: { identifier: "main", port: "http" } }] },
        ],
      },
    },
    persistence: {
      data: {
        type: "persistentVolumeClaim",
        size: "2Gi",
        advancedMounts: { main: { main: [{ path: "/app/data" }] } },
      },
      tmp: { type: "emptyDir", globalMounts: [{ path: "/tmp" }] },
      "pg-run": {
        type: "emptyDir",
        advancedMounts: { postgres: { main: [{ path: "/var/run/postgresql" }] } },
      },
    },
    secrets: { db: { generate: { POSTGRES_PASSWORD: { length: 32 } } } },
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
    ingress: {
      main: {
        hosts: [
          {
            host: "recipes.example.org",
            paths: [{ path: "/", service: { identifier: "main", port: "http" } }],
          },
        ],
        tls: [{ hosts: ["recipes.example.org"], secretName: "recipes-tls" }],
      },
    },
  },
});
