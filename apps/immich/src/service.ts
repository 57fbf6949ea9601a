import {
  componentName,
  defineCiValues,
  defineService,
  emptyDir,
  hostIngress,
  httpProbes,
  postgresController,
  valkeyController,
  volumeClaim,
} from "@homelab/chart-kit";

/** The database, PostgreSQL 14 with VectorChord (see below). */
const postgres = postgresController({
  database: "immich",
  size: "10Gi",
  image: { repository: "ghcr.io/immich-app/postgres", tag: "14-vectorchord0.4.3-pgvectors0.2.0" },
  env: { POSTGRES_INITDB_ARGS: "--data-checksums", DB_STORAGE_TYPE: "SSD" },
  resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "2Gi" } },
});
/** The job queue. */
const valkey = valkeyController();

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
              DB_HOSTNAME: postgres.host,
              DB_PORT: String(postgres.port),
              DB_USERNAME: "immich",
              DB_DATABASE_NAME: "immich",
              DB_PASSWORD: postgres.passwordEnv(),
              REDIS_HOSTNAME: valkey.host,
              REDIS_PORT: String(valkey.port),
              IMMICH_MACHINE_LEARNING_URL: `http://${componentName("machine-learning")}:3003`,
            },
            probes: httpProbes({ path: "/api/server/ping" }),
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
            probes: httpProbes({ path: "/ping", startup: { periodSeconds: 10, failureThreshold: 60 } }),
            resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { memory: "4Gi" } },
          },
        },
      },
      ...postgres.controllers,
      ...valkey.controllers,
    },
    service: {
      main: { controller: "main", ports: { http: { port: 2283 } } },
      "machine-learning": { controller: "machine-learning", ports: { http: { port: 3003 } } },
      ...postgres.service,
      ...valkey.service,
    },
    ingress: { main: hostIngress({ host: "immich.home.arpa" }) },
    persistence: {
      library: volumeClaim({ size: "100Gi", path: "/data", mountIn: { controller: "main" } }),
      "model-cache": volumeClaim({
        size: "10Gi",
        path: "/cache",
        retain: false,
        mountIn: { controller: "machine-learning" },
      }),
      tmp: emptyDir({ path: "/tmp" }),
      "pg-conf": emptyDir({ path: "/etc/postgresql", mountIn: { controller: "postgres" } }),
      "pg-shm": emptyDir({
        path: "/dev/shm",
        medium: "Memory",
        sizeLimit: "128Mi",
        mountIn: { controller: "postgres" },
      }),
      ...postgres.persistence,
      ...valkey.persistence,
    },
    secrets: { ...postgres.secrets },
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
    ingress: { main: hostIngress({ host: "photos.example.org", tlsSecret: "photos-tls" }) },
  },
});
