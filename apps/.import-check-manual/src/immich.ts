import { defineCiValues, defineService } from "@homelab/chart-kit";

// A draft imported by `homelab-chart import` from immich.yaml: the Compose service immich-server with redis,
// database, immich-machine-learning.
// Every TODO is a decision to confirm; then delete the TODOs and this header.
//
// Not imported, or needs a person (also printed by the import):
// - services.immich-server.container_name: not imported: objects are named after the release
// - services.immich-server.restart: not imported: Kubernetes restarts failed containers itself
// - services.immich-server.image: "ghcr.io/immich-app/immich-server:release" is not pinned: its tag "release"
//   moves with every release. The draft has tag "latest", which the build refuses until you pin a release
// - services.immich-server.env_file: .env is not read: add its variables to env (secrets through secrets.app)
// - services.immich-server.volumes: the bind mount of /etc/localtime is replaced by the TZ variable
// - services.redis.container_name: not imported: objects are named after the release
// - services.redis.restart: not imported: Kubernetes restarts failed containers itself
// - services.database.container_name: not imported: objects are named after the release
// - services.database.restart: not imported: Kubernetes restarts failed containers itself
// - services.immich-machine-learning.container_name: not imported: objects are named after the release
// - services.immich-machine-learning.restart: not imported: Kubernetes restarts failed containers itself
// - services.immich-machine-learning.image: "ghcr.io/immich-app/immich-machine-learning:release" is not
//   pinned: its tag "release" moves with every release. The draft has tag "latest", which the build refuses
//   until you pin a release
// - services.immich-machine-learning.env_file: .env is not read: add its variables to env (secrets through
//   secrets.app)
// - ${UPLOAD_LOCATION} is not set: import reads neither .env nor the environment (used at
//   services.immich-server.volumes[0]); see the TODOs there
// - ${DB_PASSWORD} is not set: import reads neither .env nor the environment (used at
//   services.database.environment.POSTGRES_PASSWORD); see the TODOs there
// - ${DB_USERNAME} is not set: import reads neither .env nor the environment (used at
//   services.database.environment.POSTGRES_USER); see the TODOs there
// - ${DB_DATABASE_NAME} is not set: import reads neither .env nor the environment (used at
//   services.database.environment.POSTGRES_DB); see the TODOs there
// - ${DB_DATA_LOCATION} is not set: import reads neither .env nor the environment (used at
//   services.database.volumes[0]); see the TODOs there

/** Immich. TODO: link the upstream docs the values come from. */
export default defineService({
  name: "immich",
  description: "Immich: TODO: what it does, in one sentence.",
  // TODO: confirm: guessed from the image.
  home: "https://github.com/immich-app/immich-server",
  sources: ["https://github.com/immich-app/immich-server"],
  // TODO: a few words people search Artifact Hub with.
  keywords: ["homelab"],
  values: {
    controllers: {
      // The Compose service immich-server.
      // Compose started it after redis, database: Kubernetes starts every controller at once. TODO: the
      // service must retry until they are ready, or add an init container that waits for them.
      main: {
        pod: {
          // TODO: Compose ran the image's own user (often root); the chart runs as 1000:1000. Check the
          // image's USER: an image that must start as root needs runAsNonRoot: false, runAsUser: 0 and a
          // runAsRoot exception.
          securityContext: { runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000 },
        },
        containers: {
          // TODO: the root filesystem is read-only here (Compose's was writable): if the image writes outside
          // its volumes, mount an emptyDir there, or set securityContext.readOnlyRootFilesystem: false with a
          // writableRootFilesystem exception.
          // Docker gave the container its default capabilities (CHOWN, SETUID, SETGID, ...); the chart drops
          // all. TODO: an image that switches users at start (s6-overlay, gosu, su-exec) needs those it uses,
          // declared as a capabilities exception.
          // TODO: Compose read .env (env_file), which import does not read: add the variables it needs to
          // env. Generated secrets it may share: DB_PASSWORD ({ valueFrom: { secretKeyRef: { identifier:
          // "app", key } } }).
          main: {
            // TODO: pin a release: Compose had "ghcr.io/immich-app/immich-server:release" (its tag "release"
            // moves with every release); the build refuses "latest".
            image: { repository: "ghcr.io/immich-app/immich-server", tag: "latest" },
            env: {
              // TODO: your time zone: Compose bind-mounted the host's /etc/localtime instead.
              TZ: "Etc/UTC",
            },
            // TODO: Compose used the image's own HEALTHCHECK, which Kubernetes ignores: a TCP check of http
            // as a start; use the service's health endpoint if it has one.
            probes: { liveness: { type: "tcp", port: "http" }, readiness: { type: "tcp", port: "http" } },
            // TODO: size from the service's docs: placeholders.
            resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "1Gi" } },
          },
        },
      },
      // The Compose service redis.
      redis: {
        // A database: a StatefulSet (one pod at a time, a stable name). TODO: confirm.
        type: "statefulset",
        pod: {
          // TODO: Compose ran the image's own user (often root); the chart runs as 1000:1000. Check the
          // image's USER: an image that must start as root needs runAsNonRoot: false, runAsUser: 0 and a
          // runAsRoot exception.
          securityContext: { runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000 },
        },
        containers: {
          // TODO: the root filesystem is read-only here (Compose's was writable): if the image writes outside
          // its volumes, mount an emptyDir there, or set securityContext.readOnlyRootFilesystem: false with a
          // writableRootFilesystem exception.
          // Docker gave the container its default capabilities (CHOWN, SETUID, SETGID, ...); the chart drops
          // all. TODO: an image that switches users at start (s6-overlay, gosu, su-exec) needs those it uses,
          // declared as a capabilities exception.
          main: {
            image: {
              repository: "docker.io/valkey/valkey",
              tag: "8-bookworm",
              digest: "sha256:a137a2b60aca1a75130022d6bb96af423fefae4eb55faf395732db3544803280",
            },
            // From the Compose healthcheck redis-cli ping || exit 1. TODO: confirm: Compose only marked the
            // container unhealthy; the liveness probe restarts it.
            probes: {
              liveness: { type: "exec", command: ["redis-cli", "ping"] },
              readiness: { type: "exec", command: ["redis-cli", "ping"] },
            },
            // TODO: size from the service's docs: placeholders.
            resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "1Gi" } },
          },
        },
      },
      // The Compose service database.
      database: {
        // A database: a StatefulSet (one pod at a time, a stable name). TODO: confirm.
        type: "statefulset",
        pod: {
          // TODO: Compose ran the image's own user (often root); the chart runs as 1000:1000. Check the
          // image's USER: an image that must start as root needs runAsNonRoot: false, runAsUser: 0 and a
          // runAsRoot exception.
          securityContext: { runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000 },
        },
        containers: {
          // TODO: the root filesystem is read-only here (Compose's was writable): if the image writes outside
          // its volumes, mount an emptyDir there, or set securityContext.readOnlyRootFilesystem: false with a
          // writableRootFilesystem exception.
          // Docker gave the container its default capabilities (CHOWN, SETUID, SETGID, ...); the chart drops
          // all. TODO: an image that switches users at start (s6-overlay, gosu, su-exec) needs those it uses,
          // declared as a capabilities exception.
          main: {
            image: {
              repository: "ghcr.io/immich-app/postgres",
              tag: "14-vectorchord0.4.3-pgvectors0.2.0",
              digest: "sha256:32324a2f41df5de9efe1af166b7008c3f55646f8d0e00d9550c16c9822366b4a",
            },
            env: {
              // TODO: confirm it is a secret: the Secret "app" generates DB_PASSWORD (32 characters) at
              // install; Compose set it from ${DB_PASSWORD}. A value the service needs in a given format: set
              // it in secrets.app.stringData instead.
              POSTGRES_PASSWORD: { valueFrom: { secretKeyRef: { identifier: "app", key: "DB_PASSWORD" } } },
              // TODO: was "${DB_USERNAME}": ${DB_USERNAME} comes from .env or the environment, which import
              // does not read.
              POSTGRES_USER: "",
              // TODO: was "${DB_DATABASE_NAME}": ${DB_DATABASE_NAME} comes from .env or the environment,
              // which import does not read.
              POSTGRES_DB: "",
              POSTGRES_INITDB_ARGS: "--data-checksums",
            },
            // TODO: Compose had no healthcheck: a TCP check of postgres as a start; use the service's health
            // endpoint if it has one.
            probes: {
              liveness: { type: "tcp", port: "postgres" },
              readiness: { type: "tcp", port: "postgres" },
            },
            // TODO: size from the service's docs: placeholders.
            resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "1Gi" } },
          },
        },
      },
      // The Compose service immich-machine-learning.
      // TODO: Compose listed no port, and the other services reach it: add the port it listens on as a
      // Service (service.machine-learning.ports).
      "machine-learning": {
        pod: {
          // TODO: Compose ran the image's own user (often root); the chart runs as 1000:1000. Check the
          // image's USER: an image that must start as root needs runAsNonRoot: false, runAsUser: 0 and a
          // runAsRoot exception.
          securityContext: { runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000 },
        },
        containers: {
          // TODO: the root filesystem is read-only here (Compose's was writable): if the image writes outside
          // its volumes, mount an emptyDir there, or set securityContext.readOnlyRootFilesystem: false with a
          // writableRootFilesystem exception.
          // Docker gave the container its default capabilities (CHOWN, SETUID, SETGID, ...); the chart drops
          // all. TODO: an image that switches users at start (s6-overlay, gosu, su-exec) needs those it uses,
          // declared as a capabilities exception.
          // TODO: Compose used the image's own HEALTHCHECK, which Kubernetes ignores, and no TCP port to
          // check: add probes from the service's docs.
          // TODO: Compose read .env (env_file), which import does not read: add the variables it needs to
          // env. Generated secrets it may share: DB_PASSWORD ({ valueFrom: { secretKeyRef: { identifier:
          // "app", key } } }).
          main: {
            // TODO: pin a release: Compose had "ghcr.io/immich-app/immich-machine-learning:release" (its tag
            // "release" moves with every release); the build refuses "latest".
            image: { repository: "ghcr.io/immich-app/immich-machine-learning", tag: "latest" },
            // TODO: size from the service's docs: placeholders.
            resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "1Gi" } },
          },
        },
      },
    },
    service: {
      main: {
        controller: "main",
        ports: {
          // The web UI (TODO: confirm): Compose published it as 2283; the ingress below serves it now.
          http: { port: 2283 },
        },
      },
      redis: {
        controller: "redis",
        ports: {
          // Compose did not list it (services of one file reach each other on any port): 6379 is the image's
          // usual port. TODO: confirm.
          redis: { port: 6379 },
        },
      },
      database: {
        controller: "database",
        ports: {
          // Compose did not list it (services of one file reach each other on any port): 5432 is the image's
          // usual port. TODO: confirm.
          postgres: { port: 5432 },
        },
      },
    },
    ingress: {
      // TODO: the host name the web UI is served at (http, port 2283).
      main: {
        hosts: [
          { host: "immich.home.arpa", paths: [{ path: "/", service: { identifier: "main", port: "http" } }] },
        ],
      },
    },
    persistence: {
      // TODO: Compose bind-mounted ${UPLOAD_LOCATION} (set in .env, which import does not read): a new claim
      // starts empty. Copy the data in, or reuse it with existingClaim, nfs or hostPath (with an exception).
      // TODO: size: a placeholder (Compose volumes have none); give what the data needs.
      data: {
        type: "persistentVolumeClaim",
        size: "1Gi",
        advancedMounts: { main: { main: [{ path: "/data" }] } },
      },
      // The root filesystem is read-only: most images need a writable /tmp.
      tmp: { type: "emptyDir", globalMounts: [{ path: "/tmp" }] },
      // TODO: Compose bind-mounted ${DB_DATA_LOCATION} (set in .env, which import does not read): a new claim
      // starts empty. Copy the data in, or reuse it with existingClaim, nfs or hostPath (with an exception).
      // TODO: size: a placeholder (Compose volumes have none); give what the data needs.
      "database-data": {
        type: "persistentVolumeClaim",
        size: "5Gi",
        advancedMounts: { database: { main: [{ path: "/var/lib/postgresql/data" }] } },
      },
      // Compose's shm_size (128mb): a memory-backed /dev/shm.
      "database-shm": {
        type: "emptyDir",
        medium: "Memory",
        sizeLimit: "128Mi",
        advancedMounts: { database: { main: [{ path: "/dev/shm" }] } },
      },
      // TODO: size: a placeholder (Compose volumes have none); give what the data needs.
      "model-cache": {
        type: "persistentVolumeClaim",
        size: "1Gi",
        advancedMounts: { "machine-learning": { main: [{ path: "/cache" }] } },
      },
    },
    secrets: {
      // Generated once at install and kept across upgrades (see the env comments).
      app: { generate: { DB_PASSWORD: { length: 32 } } },
    },
  },
});

/** Representative values: TODO: what another homelab changes. */
export const ciValues = defineCiValues({
  // TODO: another homelab's realistic choices; helm lint and the render tests check them.
  representative: {
    ingress: {
      main: {
        hosts: [
          {
            host: "immich.example.org",
            paths: [{ path: "/", service: { identifier: "main", port: "http" } }],
          },
        ],
        tls: [{ hosts: ["immich.example.org"], secretName: "immich-tls" }],
      },
    },
    persistence: { data: { size: "4Gi" } },
  },
});

