import {
  defineCiValues,
  defineService,
  emptyDir,
  generatedSecret,
  hostIngress,
  httpProbes,
  ingressHost,
  runAsUser,
  secretEnv,
  volumeClaim,
} from "@homelab/chart-kit";

const image = () => ({ repository: "docker.io/sissbruecker/linkding", tag: "1.46.2" });

/** The LD_* settings both containers read. */
const linkdingEnv = () => ({
  LD_SERVER_PORT: "9090",
  LD_CSRF_TRUSTED_ORIGINS: `https://${ingressHost()}`,
  LD_SUPERUSER_NAME: "admin",
  LD_SUPERUSER_PASSWORD: secretEnv("admin", "LD_SUPERUSER_PASSWORD"),
  LD_DISABLE_REQUEST_LOGS: "true",
});

/**
 * linkding. https://linkding.link/installation/
 *
 * - uid 33 (www-data), not 1000, on purpose: uwsgi.ini has `uid = www-data` and the background
 *   tasks' supervisord program `user=www-data`; as uid 33 both are no-ops. Upstream supports
 *   non-root (issue 469; the Dockerfile lets any user of the root group run it).
 * - Background tasks: as non-root, bootstrap.sh's `supervisord -c supervisord-tasks.conf` fails
 *   ("Can't drop privilege as nonroot user": its [supervisord] has user=root); bootstrap.sh has no
 *   `set -e`, so uwsgi still starts. The task processor supervisord would have run is the `jobs`
 *   container instead, with the same command (`python manage.py run_huey -f`, HOME=/tmp/home),
 *   sharing the SQLite huey queue in /etc/linkding/data. Do not set LD_SUPERVISOR_MANAGED
 *   (supervisord would then fail fatally). No background tasks: `jobs.enabled: false` and
 *   LD_DISABLE_BACKGROUND_TASKS=True.
 * - Read-only root filesystem: bootstrap.sh writes only under data/ (secret key, favicons,
 *   previews, SQLite); the uwsgi pidfile is in /tmp.
 * - Database: SQLite in the data claim (linkding's default), so no database controller. PostgreSQL:
 *   LD_DB_ENGINE=postgres, LD_DB_HOST, LD_DB_PORT, LD_DB_DATABASE, LD_DB_USER and LD_DB_PASSWORD on
 *   both containers.
 * - The superuser `admin` gets a generated password (Secret `<release>-admin`).
 */
export default defineService({
  name: "linkding",
  description: "linkding: a minimal, fast self-hosted bookmark manager.",
  home: "https://linkding.link",
  sources: ["https://github.com/sissbruecker/linkding"],
  icon: "https://raw.githubusercontent.com/sissbruecker/linkding/master/assets/logo.svg",
  keywords: ["bookmarks", "read-later", "homelab"],
  values: {
    controllers: {
      main: {
        type: "deployment",
        strategy: "Recreate",
        pod: { securityContext: runAsUser(33) },
        containers: {
          main: {
            image: image(),
            env: linkdingEnv(),
            probes: httpProbes({ path: "/health", startup: { periodSeconds: 5, failureThreshold: 60 } }),
            resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "512Mi" } },
          },
          jobs: {
            image: image(),
            command: ["python", "manage.py", "run_huey", "-f"],
            env: { ...linkdingEnv(), HOME: "/tmp/home" },
            resources: { requests: { cpu: "20m", memory: "96Mi" }, limits: { memory: "384Mi" } },
          },
        },
      },
    },
    service: { main: { controller: "main", ports: { http: { port: 9090 } } } },
    ingress: { main: hostIngress({ host: "linkding.home.arpa" }) },
    persistence: {
      data: volumeClaim({ size: "1Gi", path: "/etc/linkding/data" }),
      tmp: emptyDir({ path: "/tmp" }),
    },
    secrets: { admin: generatedSecret({ LD_SUPERUSER_PASSWORD: 24 }) },
  },
});

/**
 * Representative values: login through an auth proxy (Authelia forwardAuth; linkding reads the
 * user from HTTP_REMOTE_USER, as its LD_AUTH_PROXY_USERNAME_HEADER docs show), the superuser
 * password from an existing Secret, another host with TLS.
 */
export const ciValues = defineCiValues({
  representative: {
    controllers: {
      main: {
        containers: {
          main: {
            env: {
              LD_ENABLE_AUTH_PROXY: "True",
              LD_AUTH_PROXY_USERNAME_HEADER: "HTTP_REMOTE_USER",
              LD_AUTH_PROXY_LOGOUT_URL: "https://auth.example.org/logout",
            },
          },
        },
      },
    },
    secrets: { admin: { existingSecret: "linkding-admin" } },
    ingress: {
      main: hostIngress({
        host: "links.example.org",
        annotations: {
          "traefik.ingress.kubernetes.io/router.middlewares": "auth-forwardauth-authelia@kubernetescrd",
        },
        tlsSecret: "links-tls",
      }),
    },
  },
});
