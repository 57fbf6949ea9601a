import {
  defineCiValues,
  defineService,
  emptyDir,
  generatedSecret,
  hostIngress,
  ingressHost,
  postgresController,
  secretEnv,
  valkeyController,
} from "@homelab/chart-kit";

const image = { repository: "docker.io/library/nextcloud", tag: "34.0.2-apache" };
const host = ingressHost();
const postgres = postgresController({
  database: "nextcloud",
  size: "5Gi",
  resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "1Gi" } },
});
/** File locking and the memory cache. */
const valkey = valkeyController();

/**
 * The environment the app and the cron job share (redis.config.php and reverse-proxy.config.php
 * read it at run time).
 */
const appEnv = () => ({
  POSTGRES_HOST: postgres.host,
  POSTGRES_DB: "nextcloud",
  POSTGRES_USER: "nextcloud",
  POSTGRES_PASSWORD: postgres.passwordEnv(),
  REDIS_HOST: valkey.host,
  REDIS_HOST_PORT: String(valkey.port),
  NEXTCLOUD_TRUSTED_DOMAINS: host,
  OVERWRITEPROTOCOL: "https",
  OVERWRITECLIURL: `https://${host}`,
  // The k3s default pod CIDR, where Traefik's requests come from: confirm per cluster.
  TRUSTED_PROXIES: "10.42.0.0/16",
  PHP_MEMORY_LIMIT: "1G",
  PHP_UPLOAD_LIMIT: "10G",
});

/**
 * /status.php answers 400 to a Host that is not a trusted domain (the pod IP the kubelet sends),
 * but localhost is always trusted.
 */
const statusProbe = (spec: Record<string, number>) => ({
  type: "custom" as const,
  spec: {
    httpGet: { path: "/status.php", port: "http", httpHeaders: [{ name: "Host", value: "localhost" }] },
    ...spec,
  },
});

/**
 * Nextcloud (Apache image) with PostgreSQL, Valkey and its background-job CronJob.
 * https://github.com/nextcloud/docker
 *
 * - Non-root: the image's README documents running with `--user`. Apache binds port 80, so the
 *   pod sets the namespaced sysctl net.ipv4.ip_unprivileged_port_start=0, one of the "safe"
 *   sysctls Pod Security baseline and restricted allow.
 * - nextcloud/docker#763 (open): with REDIS_HOST and a non-root uid the entrypoint cannot write
 *   /usr/local/etc/php/conf.d/redis-session.ini. The `php-conf` init container copies the image's
 *   conf.d into an emptyDir mounted over conf.d (which also keeps the root filesystem read-only).
 *   Drop it when upstream fixes the bug.
 * - Read-only root filesystem: the traced writes are /var/www/html (claim), /tmp, conf.d and
 *   Apache's run and lock directories (emptyDirs). Do not set APACHE_DISABLE_REWRITE_IP: the
 *   entrypoint then runs a2disconf, which writes /etc/apache2.
 * - Installation: with every POSTGRES_* and NEXTCLOUD_ADMIN_USER/PASSWORD set the image installs
 *   on first start; the admin password is generated (Secret `<release>-admin`). Without them the
 *   web installer would wait for whoever reaches it first, and the post-installation hook below
 *   would never run. NEXTCLOUD_TRUSTED_DOMAINS is applied only at that installation.
 * - Background jobs: the `cron` CronJob runs cron.php every 5 minutes (Forbid overlapping runs)
 *   with the app's environment. The post-installation hook switches Nextcloud to system cron; on
 *   an existing install run `occ background:cron` by hand. The job mounts the same ReadWriteOnce
 *   claims as the app: fine with local-path (one node), other storage needs ReadWriteMany.
 * - The hook also turns off the data directory permission check: local-path creates volumes
 *   0777 owned by root, which Nextcloud (not the owner, so it cannot chmod 0770) would refuse.
 * - Existing database instead: `controllers.postgres.enabled: false`, `service.postgres.enabled:
 *   false`, and override POSTGRES_HOST, POSTGRES_DB, POSTGRES_USER and POSTGRES_PASSWORD
 *   (secretKeyRef `name:` an existing Secret, or `secrets.db.existingSecret`) on both
 *   controllers.main and controllers.cron. They are read at installation only; afterwards
 *   config.php holds the connection. Existing Redis/Valkey: `controllers.redis.enabled: false`,
 *   `service.redis.enabled: false`, REDIS_HOST, REDIS_HOST_PORT and REDIS_HOST_PASSWORD.
 */
export default defineService({
  name: "nextcloud",
  description:
    "Nextcloud: files, calendars and contacts on your own server; with PostgreSQL, Valkey and its " +
    "5-minute background job (an existing database: disable controllers.postgres and set POSTGRES_*).",
  home: "https://nextcloud.com",
  sources: ["https://github.com/nextcloud/server", "https://github.com/nextcloud/docker"],
  icon: "https://raw.githubusercontent.com/nextcloud/docker/master/logo.svg",
  keywords: ["files", "sync", "calendar", "contacts", "homelab"],
  values: {
    controllers: {
      main: {
        type: "deployment",
        strategy: "Recreate",
        pod: { securityContext: { sysctls: [{ name: "net.ipv4.ip_unprivileged_port_start", value: "0" }] } },
        initContainers: {
          "php-conf": {
            image: { ...image },
            command: ["sh", "-c", "cp -R /usr/local/etc/php/conf.d/. /php-conf.d/"],
            resources: { requests: { cpu: "10m", memory: "16Mi" }, limits: { memory: "64Mi" } },
          },
        },
        containers: {
          main: {
            image: { ...image },
            env: {
              ...appEnv(),
              NEXTCLOUD_ADMIN_USER: "admin",
              NEXTCLOUD_ADMIN_PASSWORD: secretEnv("admin", "NEXTCLOUD_ADMIN_PASSWORD"),
            },
            probes: {
              startup: statusProbe({ periodSeconds: 10, failureThreshold: 60 }),
              liveness: statusProbe({ timeoutSeconds: 5 }),
              readiness: statusProbe({ timeoutSeconds: 5 }),
            },
            resources: { requests: { cpu: "250m", memory: "512Mi" }, limits: { memory: "2Gi" } },
          },
        },
      },
      cron: {
        type: "cronjob",
        cronjob: { schedule: "*/5 * * * *", concurrencyPolicy: "Forbid", backoffLimit: 0 },
        containers: {
          main: {
            image: { ...image },
            command: ["php", "-f", "/var/www/html/cron.php"],
            env: appEnv(),
            resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "1Gi" } },
          },
        },
      },
      ...postgres.controllers,
      ...valkey.controllers,
    },
    service: {
      main: { controller: "main", ports: { http: { port: 80 } } },
      ...postgres.service,
      ...valkey.service,
    },
    ingress: { main: hostIngress({ host: "nextcloud.home.arpa" }) },
    persistence: {
      html: {
        type: "persistentVolumeClaim",
        size: "8Gi",
        advancedMounts: {
          main: { main: [{ path: "/var/www/html" }] },
          cron: { main: [{ path: "/var/www/html" }] },
        },
      },
      data: {
        type: "persistentVolumeClaim",
        size: "100Gi",
        advancedMounts: {
          main: { main: [{ path: "/var/www/html/data" }] },
          cron: { main: [{ path: "/var/www/html/data" }] },
        },
      },
      "php-conf": {
        type: "emptyDir",
        advancedMounts: {
          main: { "php-conf": [{ path: "/php-conf.d" }], main: [{ path: "/usr/local/etc/php/conf.d" }] },
        },
      },
      hooks: {
        type: "configMap",
        identifier: "hooks",
        defaultMode: 0o755, // the entrypoint runs only executable hooks
        advancedMounts: {
          main: {
            main: [
              {
                path: "/docker-entrypoint-hooks.d/post-installation/10-homelab.sh",
                subPath: "10-homelab.sh",
                readOnly: true,
              },
            ],
          },
        },
      },
      "apache-run": emptyDir({ path: "/var/run/apache2", mountIn: { controller: "main" } }),
      "apache-lock": emptyDir({ path: "/var/lock/apache2", mountIn: { controller: "main" } }),
      tmp: emptyDir({ path: "/tmp" }),
      ...postgres.persistence,
      ...valkey.persistence,
    },
    configMaps: {
      hooks: {
        data: {
          "10-homelab.sh": [
            "#!/bin/sh",
            "set -e",
            "# Background jobs by system cron: the chart's `cron` CronJob runs cron.php every 5 minutes.",
            "php /var/www/html/occ background:cron",
            "# local-path volumes are 0777 and owned by root; Nextcloud cannot chmod them to 0770.",
            "php /var/www/html/occ config:system:set check_data_directory_permissions --type=boolean --value=false",
            "",
          ].join("\n"),
        },
      },
    },
    secrets: {
      ...postgres.secrets,
      admin: generatedSecret({ NEXTCLOUD_ADMIN_PASSWORD: 24 }),
    },
  },
});

/** Representative values: another host with TLS and admin name, more PHP memory, data on an existing claim. */
export const ciValues = defineCiValues({
  representative: {
    controllers: {
      main: {
        containers: {
          main: {
            env: { NEXTCLOUD_ADMIN_USER: "root-admin", PHP_MEMORY_LIMIT: "2G" },
          },
        },
      },
      cron: { containers: { main: { env: { PHP_MEMORY_LIMIT: "2G" } } } },
    },
    persistence: { data: { existingClaim: "nas-nextcloud-data" } },
    ingress: { main: hostIngress({ host: "cloud.example.org", tlsSecret: "cloud-tls" }) },
  },
});
