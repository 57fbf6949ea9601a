import { defineCiValues, defineService } from "@homelab/chart-kit";

// A draft imported by `homelab-chart import` from vaultwarden.yaml: the Compose service vaultwarden.
// Every TODO is a decision to confirm; then delete the TODOs and this header.
//
// Not imported, or needs a person (also printed by the import):
// - services.vaultwarden.container_name: not imported: objects are named after the release
// - services.vaultwarden.restart: not imported: Kubernetes restarts failed containers itself
// - services.vaultwarden.env_file: vaultwarden.env is not read: add its variables to env (secrets through
//   secrets.app)
// - ${VW_ADMIN_TOKEN} is not set: import reads neither .env nor the environment (used at
//   services.vaultwarden.environment[2]); see the TODOs there

/** Vaultwarden. TODO: link the upstream docs the values come from. */
export default defineService({
  name: "vaultwarden",
  description: "Vaultwarden: TODO: what it does, in one sentence.",
  // TODO: confirm: guessed from the image.
  home: "https://hub.docker.com/r/vaultwarden/server",
  // TODO: a few words people search Artifact Hub with.
  keywords: ["homelab"],
  values: {
    controllers: {
      // The Compose service vaultwarden.
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
          // TODO: Compose read vaultwarden.env (env_file), which import does not read: add the variables it
          // needs to env. Generated secrets it may share: VW_ADMIN_TOKEN ({ valueFrom: { secretKeyRef: {
          // identifier: "app", key } } }).
          main: {
            image: { repository: "docker.io/vaultwarden/server", tag: "1.33.2" },
            env: {
              DOMAIN: "https://vaultwarden.example.com",
              SIGNUPS_ALLOWED: "false",
              // TODO: confirm it is a secret: the Secret "app" generates VW_ADMIN_TOKEN (32 characters) at
              // install; Compose set it from ${VW_ADMIN_TOKEN}. A value the service needs in a given format:
              // set it in secrets.app.stringData instead.
              ADMIN_TOKEN: { valueFrom: { secretKeyRef: { identifier: "app", key: "VW_ADMIN_TOKEN" } } },
              ROCKET_PORT: "8080",
              // TODO: Compose passed it from the host's environment: give its value.
              WEBSOCKET_ENABLED: "",
            },
            // From the Compose healthcheck curl -fsS http://localhost:8080/alive || exit 1. TODO: confirm:
            // Compose only marked the container unhealthy; the liveness probe restarts it.
            // Compose's start_period became a startup probe (up to 240s).
            probes: {
              startup: {
                type: "http",
                path: "/alive",
                port: "http",
                spec: { periodSeconds: 60, failureThreshold: 4 },
              },
              liveness: {
                type: "http",
                path: "/alive",
                port: "http",
                spec: { periodSeconds: 60, timeoutSeconds: 10, failureThreshold: 3 },
              },
              readiness: {
                type: "http",
                path: "/alive",
                port: "http",
                spec: { periodSeconds: 60, timeoutSeconds: 10, failureThreshold: 3 },
              },
            },
            // From Compose's limits and reservations; TODO: confirm the requests.
            resources: {
              requests: { cpu: "50m", memory: "128Mi" },
              limits: { memory: "512Mi", cpu: "500m" },
            },
          },
        },
      },
    },
    service: {
      main: {
        controller: "main",
        ports: {
          // The web UI (TODO: confirm): the ingress below serves it.
          // Compose published it only on the host's loopback (127.0.0.1), not on the LAN.
          http: { port: 8080 },
        },
      },
    },
    ingress: {
      // TODO: the host name the web UI is served at (http, port 8080).
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
      // TODO: Compose bind-mounted ./vw-data: a new claim starts empty. Copy the data in, or reuse it with
      // existingClaim, nfs or hostPath (with an exception).
      // TODO: size: a placeholder (Compose volumes have none); give what the data needs.
      data: { type: "persistentVolumeClaim", size: "1Gi", globalMounts: [{ path: "/data" }] },
      // The root filesystem is read-only: most images need a writable /tmp.
      tmp: { type: "emptyDir", globalMounts: [{ path: "/tmp" }] },
    },
    secrets: {
      // Generated once at install and kept across upgrades (see the env comments).
      app: { generate: { VW_ADMIN_TOKEN: { length: 32 } } },
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
            host: "vaultwarden.example.org",
            paths: [{ path: "/", service: { identifier: "main", port: "http" } }],
          },
        ],
        tls: [{ hosts: ["vaultwarden.example.org"], secretName: "vaultwarden-tls" }],
      },
    },
    persistence: { data: { size: "4Gi" } },
  },
});

