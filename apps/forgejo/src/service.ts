import {
  defineCiValues,
  defineService,
  emptyDir,
  generatedSecret,
  hostIngress,
  httpProbes,
  ingressHost,
  postgresController,
  runAsUser,
  secretEnv,
  volumeClaim,
} from "@homelab/chart-kit";

const host = ingressHost();
/** The database, as uid 999 like the image's postgres user. */
const postgres = postgresController({
  database: "forgejo",
  size: "5Gi",
  pod: { securityContext: runAsUser(999) },
});

/**
 * Forgejo (rootless image) with its PostgreSQL.
 * https://forgejo.org/docs/latest/admin/installation/docker/#using-rootless-image,
 * https://forgejo.org/docs/latest/admin/config-cheat-sheet/
 *
 * - 16.x is the current stable line (Forgejo has no `latest` tag by design); the LTS line (15.x) is the
 *   conservative alternative, and the one forgejo-helm's chart pins.
 * - Rootless image: runs as `git` (uid/gid 1000) with the built-in SSH server on 2222; data in
 *   /var/lib/gitea (`data`), app.ini in /etc/gitea (`config`; the rootful image's /data layout does not
 *   apply; should an image keep app.ini under /var/lib/gitea/custom/conf instead, that is on `data`). At
 *   every start it writes the FORGEJO__<section>__<KEY> variables into app.ini. Read-only root filesystem:
 *   everything else it writes is under /var/lib/gitea and /tmp (TMPDIR /tmp/gitea; an emptyDir).
 * - SSH: the `ssh` LoadBalancer Service publishes 2222 -> 2222, because k3s ServiceLB publishes the port on
 *   every node, where 22 is usually the host's own sshd. SSH_PORT is the port clone URLs show; with a load
 *   balancer IP of its own use 22 -> 2222 and SSH_PORT=22 (the representative values).
 * - INSTALL_LOCK skips the web installer and registration is off, so create the first admin by hand:
 *   `kubectl exec deploy/forgejo -- forgejo admin user create --admin --username <u> --email <e>
 *   --random-password`.
 * - Secrets are generated once and kept (Secret `app`): JWT_SECRET and LFS_JWT_SECRET are 43 characters,
 *   which decode (base64url) to the 32 bytes Forgejo expects; INTERNAL_TOKEN is a long random shared token.
 * - PostgreSQL runs as its own StatefulSet (`postgres`, uid 999 like the image's postgres user) with a claim
 *   template and the generated password in Secret `db`. To use an existing database instead: set
 *   `controllers.postgres.enabled: false` and `service.postgres.enabled: false`, and override
 *   FORGEJO__database__HOST (host:port), __NAME, __USER and __PASSWD (a secretKeyRef with `name:` of your
 *   Secret, or keep `identifier: db` and set `secrets.db.existingSecret` with a POSTGRES_PASSWORD key);
 *   FORGEJO__database__SSL_MODE if needed. SQLite instead: FORGEJO__database__DB_TYPE=sqlite3 and the
 *   postgres controller disabled.
 * - Forgejo Actions runners are not part of this chart: they need Docker-in-Docker, i.e. privileged pods.
 */
export default defineService({
  name: "forgejo",
  description:
    "Forgejo: a lightweight self-hosted Git forge (issues, pull requests, packages); with its PostgreSQL.",
  home: "https://forgejo.org",
  sources: ["https://codeberg.org/forgejo/forgejo"],
  icon: "https://codeberg.org/forgejo/forgejo/raw/branch/forgejo/assets/logo.svg",
  keywords: ["git", "forge", "code-hosting", "homelab"],
  values: {
    controllers: {
      main: {
        containers: {
          main: {
            image: { repository: "codeberg.org/forgejo/forgejo", tag: "16.0.3-rootless" },
            env: {
              FORGEJO__database__DB_TYPE: "postgres",
              FORGEJO__database__HOST: `${postgres.host}:${postgres.port}`,
              FORGEJO__database__NAME: "forgejo",
              FORGEJO__database__USER: "forgejo",
              FORGEJO__database__PASSWD: postgres.passwordEnv(),
              FORGEJO__server__DOMAIN: host,
              FORGEJO__server__ROOT_URL: `https://${host}/`,
              FORGEJO__server__HTTP_PORT: "3000",
              FORGEJO__server__START_SSH_SERVER: "true",
              FORGEJO__server__SSH_DOMAIN: host,
              FORGEJO__server__SSH_PORT: "2222",
              FORGEJO__server__SSH_LISTEN_PORT: "2222",
              FORGEJO__server__LFS_JWT_SECRET: secretEnv("app", "LFS_JWT_SECRET"),
              FORGEJO__security__INSTALL_LOCK: "true",
              FORGEJO__security__SECRET_KEY: secretEnv("app", "SECRET_KEY"),
              FORGEJO__security__INTERNAL_TOKEN: secretEnv("app", "INTERNAL_TOKEN"),
              FORGEJO__oauth2__JWT_SECRET: secretEnv("app", "JWT_SECRET"),
              FORGEJO__service__DISABLE_REGISTRATION: "true",
            },
            probes: httpProbes({ path: "/api/healthz", startup: { periodSeconds: 5, failureThreshold: 60 } }),
            resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "1Gi" } },
          },
        },
      },
      ...postgres.controllers,
    },
    service: {
      main: { controller: "main", ports: { http: { port: 3000 } } },
      ssh: {
        controller: "main",
        type: "LoadBalancer",
        ports: { ssh: { port: 2222, targetPort: 2222, protocol: "TCP" } },
      },
      ...postgres.service,
    },
    ingress: { main: hostIngress({ host: "forgejo.home.arpa" }) },
    secrets: {
      ...postgres.secrets,
      app: generatedSecret({ SECRET_KEY: 64, INTERNAL_TOKEN: 96, JWT_SECRET: 43, LFS_JWT_SECRET: 43 }),
    },
    persistence: {
      data: volumeClaim({ size: "20Gi", path: "/var/lib/gitea", mountIn: { controller: "main" } }),
      config: volumeClaim({ size: "128Mi", path: "/etc/gitea", mountIn: { controller: "main" } }),
      tmp: emptyDir({ path: "/tmp" }),
      ...postgres.persistence,
    },
  },
});

/**
 * Representative values: SSH on port 22 of its own load balancer IP, open registration behind sign-in,
 * Actions on, the repositories on an existing claim, TLS on another host.
 */
export const ciValues = defineCiValues({
  representative: {
    controllers: {
      main: {
        containers: {
          main: {
            env: {
              FORGEJO__server__SSH_PORT: "22",
              FORGEJO__service__DISABLE_REGISTRATION: "false",
              FORGEJO__service__REQUIRE_SIGNIN_VIEW: "true",
              FORGEJO__actions__ENABLED: "true",
            },
          },
        },
      },
    },
    service: { ssh: { loadBalancerIP: "192.168.1.240", ports: { ssh: { port: 22, targetPort: 2222 } } } },
    persistence: { data: { existingClaim: "nas-forgejo" } },
    ingress: { main: hostIngress({ host: "git.example.org", tlsSecret: "git-tls" }) },
  },
});
