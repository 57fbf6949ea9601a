import { defineCiValues, defineService } from "@homelab/chart-kit";

const component = (id: string) => `{{ include "homelab.componentName" (dict "root" . "id" "${id}") }}`;
const pgReady = ["pg_isready", "-U", "immich", "-d", "immich"];
const dbPassword = { valueFrom: { secretKeyRef: { identifier: "db", key: "POSTGRES_PASSWORD" } } };

/**
 * Immich with its machine learning, its own PostgreSQL and Valkey, each its own controller.
 * https://docs.immich.app/install/docker-compose (and its docker-compose.rootless.yml)
 *
 * - Everything runs as uid 1000, as upstream's rootless compose does. A read-only root
 *   filesystem is not documented upstream; the writes were traced: the server writes only /data
 *   and /tmp; the database image's entrypoint writes /etc/postgresql/postgresql.conf (pg-conf) and
 *   postgres needs /var/run/postgresql and /tmp (nss_wrapper for a uid without a passwd entry).
 *   Machine learning (Python) was not traced: if it fails on a first install, give its container
 *   `readOnlyRootFilesystem: false` with a writableRootFilesystem exception.
 * - Database: ghcr.io/immich-app/postgres, the tag the official v3 compose file pins (PostgreSQL
 *   14 with VectorChord; pgvecto.rs only matters for migrating old installs). A newer pg/vchord
 *   tag from immich-app/base-images suits fresh installs once the Immich docs confirm it.
 *   PGDATA is a subdirectory so initdb does not trip over lost+found. /dev/shm is a 128Mi memory
 *   emptyDir (compose: shm_size 128mb).
 * - Existing database instead: `controllers.postgres.enabled: false`, `service.postgres.enabled:
 *   false`, and on controllers.main.containers.main.env set DB_HOSTNAME, DB_PORT, DB_USERNAME,
 *   DB_DATABASE_NAME and DB_PASSWORD (secretKeyRef `name:` an existing Secret, or set
 *   `secrets.db.existingSecret`), or DB_URL (it overrides every DB_*). That server needs a
 *   superuser, or pgvector + VectorChord with `shared_preload_libraries='vchord.so'`
 *   (docs.immich.app/administration/postgres-standalone).
 * - Valkey holds only the job queue (the official compose gives it no volume): an emptyDir.
 *   Existing Redis/Valkey: `controllers.redis.enabled: false`, `service.redis.enabled: false`,
 *   REDIS_HOSTNAME, REDIS_PORT, REDIS_PASSWORD.
 * - The library claim is ReadWriteOnce, so the server is a Recreate deployment on one node.
 *   Traefik sets no request body limit, so large uploads pass the ingress.
 */
export default defineService({
  name: "immich",
  description:
    "Immich: self-hosted photo and video backup with machine-learning search; with its VectorChord " +
    "PostgreSQL and Valkey (an existing database: disable controllers.postgres and set the DB_* env).",
  home: "https://immich.app",
  sources: ["https://github.com/immich-app/immich"],
  icon: "https://raw.githubusercontent.com/immich-app/immich/main/design/immich-logo.svg",
  keywords: ["photos", "videos", "backup", "machine-learning", "homelab"],
  values: {
    controllers: {
      main: {
        type: "deployment",
        strategy: "Recreate",
        containers: {
          main: {
            image: { repository: "ghcr.io/immich-app/immich-server", tag: "v3.2.0" },
            env: {
              TZ: "Etc/UTC",
              IMMICH_PORT: "2283",
              DB_HOSTNAME: component("postgres"),
              DB_PORT: "5432",
              DB_USERNAME: "immich",
              DB_DATABASE_NAME: "immich",
              DB_PASSWORD: dbPassword,
              REDIS_HOSTNAME: component("redis"),
              REDIS_PORT: "6379",
              IMMICH_MACHINE_LEARNING_URL: `http://${component("machine-learning")}:3003`,
            },
            probes: {
              startup: {
                type: "http",
                path: "/api/server/ping",
                port: "http",
                spec: { periodSeconds: 10, failureThreshold: 30 },
              },
              liveness: { type: "http", path: "/api/server/ping", port: "http" },
              readiness: { type: "http", path: "/api/server/ping", port: "http" },
            },
            resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { memory: "4Gi" } },
          },
        },
      },
      "machine-learning": {
        type: "deployment",
        strategy: "Recreate",
        containers: {
          main: {
            image: { repository: "ghcr.io/immich-app/immich-machine-learning", tag: "v3.2.0" },
            env: { MACHINE_LEARNING_CACHE_FOLDER: "/cache", IMMICH_PORT: "3003" },
            probes: {
              startup: {
                type: "http",
                path: "/ping",
                port: "http",
                spec: { periodSeconds: 10, failureThreshold: 60 },
              },
              liveness: { type: "http", path: "/ping", port: "http" },
              readiness: { type: "http", path: "/ping", port: "http" },
            },
            resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { memory: "4Gi" } },
          },
        },
      },
      postgres: {
        type: "statefulset",
        statefulset: {
          volumeClaimTemplates: [
            { name: "pgdata", size: "10Gi", globalMounts: [{ path: "/var/lib/postgresql/data" }] },
          ],
        },
        containers: {
          main: {
            image: { repository: "ghcr.io/immich-app/postgres", tag: "14-vectorchord0.4.3-pgvectors0.2.0" },
            env: {
              POSTGRES_USER: "immich",
              POSTGRES_DB: "immich",
              POSTGRES_PASSWORD: dbPassword,
              POSTGRES_INITDB_ARGS: "--data-checksums",
              PGDATA: "/var/lib/postgresql/data/pgdata",
              DB_STORAGE_TYPE: "SSD",
            },
            probes: {
              startup: { type: "exec", command: pgReady, spec: { periodSeconds: 5, failureThreshold: 60 } },
              liveness: { type: "exec", command: pgReady },
              readiness: { type: "exec", command: pgReady },
            },
            resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "2Gi" } },
          },
        },
      },
      redis: {
        type: "deployment",
        containers: {
          main: {
            image: { repository: "docker.io/valkey/valkey", tag: "9.1.0" },
            probes: {
              liveness: { type: "tcp", port: "redis" },
              readiness: { type: "exec", command: ["valkey-cli", "ping"] },
            },
            resources: { requests: { cpu: "20m", memory: "32Mi" }, limits: { memory: "256Mi" } },
          },
        },
      },
    },
    service: {
      main: { controller: "main", ports: { http: { port: 2283 } } },
      "machine-learning": { controller: "machine-learning", ports: { http: { port: 3003 } } },
      postgres: { controller: "postgres", ports: { postgres: { port: 5432 } } },
      redis: { controller: "redis", ports: { redis: { port: 6379 } } },
    },
    ingress: {
      main: {
        hosts: [
          { host: "immich.home.arpa", paths: [{ path: "/", service: { identifier: "main", port: "http" } }] },
        ],
      },
    },
    persistence: {
      library: {
        type: "persistentVolumeClaim",
        size: "100Gi",
        advancedMounts: { main: { main: [{ path: "/data" }] } },
      },
      "model-cache": {
        type: "persistentVolumeClaim",
        size: "10Gi",
        retain: false,
        advancedMounts: { "machine-learning": { main: [{ path: "/cache" }] } },
      },
      tmp: { type: "emptyDir", globalMounts: [{ path: "/tmp" }] },
      "pg-conf": { type: "emptyDir", advancedMounts: { postgres: { main: [{ path: "/etc/postgresql" }] } } },
      "pg-run": {
        type: "emptyDir",
        advancedMounts: { postgres: { main: [{ path: "/var/run/postgresql" }] } },
      },
      "pg-shm": {
        type: "emptyDir",
        medium: "Memory",
        sizeLimit: "128Mi",
        advancedMounts: { postgres: { main: [{ path: "/dev/shm" }] } },
      },
      "redis-data": { type: "emptyDir", advancedMounts: { redis: { main: [{ path: "/data" }] } } },
    },
    secrets: { db: { generate: { POSTGRES_PASSWORD: { length: 32 } } } },
  },
});

/**
 * Representative values: another host with TLS, the library on an existing claim, and the Intel
 * GPU for transcoding and the `-openvino` machine-learning image (gpu.intel.com/i915 needs the
 * Intel GPU device plugin on the node; CPU-only installs need neither).
 */
export const ciValues = defineCiValues({
  representative: {
    controllers: {
      main: {
        containers: {
          main: {
            env: { TZ: "Europe/Berlin" },
            resources: {
              requests: { cpu: "1", memory: "2Gi" },
              limits: { memory: "6Gi", "gpu.intel.com/i915": "1" },
            },
          },
        },
      },
      "machine-learning": {
        containers: {
          main: {
            image: { repository: "ghcr.io/immich-app/immich-machine-learning", tag: "v3.2.0-openvino" },
            resources: { limits: { memory: "6Gi", "gpu.intel.com/i915": "1" } },
          },
        },
      },
      postgres: { containers: { main: { env: { DB_STORAGE_TYPE: "HDD" } } } },
    },
    persistence: { library: { existingClaim: "nas-photos" }, "model-cache": { size: "20Gi" } },
    ingress: {
      main: {
        hosts: [
          {
            host: "photos.example.org",
            paths: [{ path: "/", service: { identifier: "main", port: "http" } }],
          },
        ],
        tls: [{ hosts: ["photos.example.org"], secretName: "photos-tls" }],
      },
    },
  },
});
