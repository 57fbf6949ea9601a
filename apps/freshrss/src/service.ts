import {
  defineCiValues,
  defineService,
  emptyDir,
  generatedSecret,
  hostIngress,
  ingressHost,
  runAsRoot,
  runAsUser,
  secretEnv,
  volumeClaim,
} from "@homelab/chart-kit";

const image = () => ({ repository: "docker.io/freshrss/freshrss", tag: "1.30.0" });

/**
 * FreshRSS (the official Debian-based image). https://github.com/FreshRSS/FreshRSS/blob/edge/Docker/README.md
 *
 * - Pod Security baseline: the entrypoint must start as root (cli/access-permissions.sh refuses otherwise),
 *   rewrites /etc/localtime, php.ini and the Apache site at every start, and Apache drops to www-data itself.
 *   The added capabilities are Docker's defaults that this needs, all in baseline's set; LISTEN=0.0.0.0:8080
 *   avoids NET_BIND_SERVICE. A rootless image is only proposed upstream (FreshRSS#8362, PR #8365): if it
 *   lands (uid 1000, port 8080, supercronic), this can become restricted.
 * - Feed refresh: the image's cron (CRON_MIN) would need root cron in the web container. Instead the `cron`
 *   controller is a CronJob running app/actualize_script.php as www-data (uid 33), twice an hour as the
 *   README recommends ("cron as another instance of the same image", minus the root daemon). It mounts the
 *   same ReadWriteOnce claims, which works on local-path (same node).
 * - FRESHRSS_INSTALL and FRESHRSS_USER act only on the very first run. They use Kubernetes $(VAR) expansion
 *   of the generated passwords, which works because the chart renders env sorted by name (FRESHRSS_ADMIN_*
 *   come first). The admin password and API password are generated once (Secret `admin`).
 * - Database: the built-in SQLite. PostgreSQL: add --db-type pgsql --db-host --db-user --db-password
 *   --db-base to FRESHRSS_INSTALL (no database controller here on purpose).
 * - TRUSTED_PROXY's default (10.0.0.1/8 172.16.0.1/12 192.168.0.1/16) already covers the k3s pod network.
 * - The probes use /i/, which answers 200 after the install and a redirect before; both count as success.
 */
export default defineService({
  name: "freshrss",
  description:
    "FreshRSS: a fast self-hosted RSS and Atom feed aggregator with a Google Reader-compatible API.",
  home: "https://freshrss.org",
  sources: ["https://github.com/FreshRSS/FreshRSS"],
  icon: "https://raw.githubusercontent.com/FreshRSS/FreshRSS/edge/docs/img/FreshRSS-logo.svg",
  keywords: ["rss", "atom", "feeds", "reader", "homelab"],
  exceptions: [
    {
      kind: "runAsRoot",
      controller: "main",
      reason: "the image's entrypoint applies file permissions as root, and Apache drops to www-data itself",
    },
    {
      kind: "writableRootFilesystem",
      controller: "main",
      container: "main",
      reason:
        "the entrypoint writes /etc/localtime, php.ini and the Apache site configuration at every start",
    },
    {
      kind: "capabilities",
      controller: "main",
      container: "main",
      reason:
        "the root entrypoint chowns and chmods the www-data files (CHOWN, FOWNER, DAC_OVERRIDE); Apache " +
        "switches to www-data (SETUID, SETGID) and stops its children (KILL)",
    },
  ],
  values: {
    controllers: {
      main: {
        pod: { securityContext: runAsRoot({ fsGroup: 33 }) },
        containers: {
          main: {
            image: image(),
            env: {
              TZ: "Etc/UTC",
              LISTEN: "0.0.0.0:8080",
              FRESHRSS_ADMIN_PASSWORD: secretEnv("admin", "ADMIN_PASSWORD"),
              FRESHRSS_ADMIN_API_PASSWORD: secretEnv("admin", "API_PASSWORD"),
              FRESHRSS_INSTALL:
                `--api-enabled --base-url https://${ingressHost()} ` + "--default_user admin --language en",
              FRESHRSS_USER:
                "--user admin --password $(FRESHRSS_ADMIN_PASSWORD) " +
                "--api-password $(FRESHRSS_ADMIN_API_PASSWORD) --language en",
            },
            securityContext: {
              readOnlyRootFilesystem: false,
              capabilities: {
                drop: ["ALL"],
                add: ["CHOWN", "DAC_OVERRIDE", "FOWNER", "KILL", "SETGID", "SETUID"],
              },
            },
            probes: {
              startup: { type: "tcp", port: "http", spec: { periodSeconds: 5, failureThreshold: 60 } },
              liveness: { type: "http", path: "/i/", port: "http" },
              readiness: { type: "http", path: "/i/", port: "http" },
            },
            resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "512Mi" } },
          },
        },
      },
      cron: {
        type: "cronjob",
        cronjob: { schedule: "7,37 * * * *", backoffLimit: 0 },
        pod: { securityContext: runAsUser(33) },
        containers: {
          main: {
            image: image(),
            command: ["php", "/var/www/FreshRSS/app/actualize_script.php"],
            env: { TZ: "Etc/UTC" },
            resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { memory: "512Mi" } },
          },
        },
      },
    },
    service: { main: { controller: "main", ports: { http: { port: 80, targetPort: 8080 } } } },
    ingress: { main: hostIngress({ host: "freshrss.home.arpa" }) },
    persistence: {
      data: volumeClaim({ size: "2Gi", path: "/var/www/FreshRSS/data" }),
      extensions: volumeClaim({ size: "256Mi", path: "/var/www/FreshRSS/extensions" }),
      tmp: emptyDir({ path: "/tmp" }),
    },
    secrets: { admin: generatedSecret({ ADMIN_PASSWORD: 24, API_PASSWORD: 24 }) },
  },
});

/** Representative values: another time zone, an explicit trusted proxy, refresh every 20 minutes, TLS. */
export const ciValues = defineCiValues({
  representative: {
    controllers: {
      main: {
        containers: {
          main: { env: { TZ: "Europe/Paris", TRUSTED_PROXY: "10.42.0.0/16", OIDC_ENABLED: "0" } },
        },
      },
      cron: { cronjob: { schedule: "*/20 * * * *" } },
    },
    persistence: { data: { size: "5Gi" } },
    ingress: { main: hostIngress({ host: "rss.example.org", tlsSecret: "rss-tls" }) },
  },
});
