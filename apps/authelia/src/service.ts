import {
  defineCiValues,
  defineService,
  emptyDir,
  generatedSecret,
  hostIngress,
  httpProbes,
  volumeClaim,
} from "@homelab/chart-kit";

/** Every configuration starts with the portal host and the cookie domain (the host minus its first label). */
const HOST_AND_DOMAIN = [
  "{{- $host := (index .Values.ingress.main.hosts 0).host }}",
  '{{- $domain := (splitn "." 2 $host)._1 }}',
];

/**
 * Authelia's configuration file, rendered by Helm's tpl (chart ConfigMaps pass through it). Authelia's own
 * template filter (X_AUTHELIA_CONFIG_FILTERS=template) is not enabled: mixing both would need every Authelia
 * expression escaped for Helm ({{ "{{" }} ... ).
 */
const CONFIGURATION = [
  ...HOST_AND_DOMAIN,
  "theme: auto",
  "server:",
  "  address: 'tcp://:9091/'",
  "log:",
  "  level: info",
  "totp:",
  "  issuer: '{{ $domain }}'",
  "authentication_backend:",
  "  password_reset:",
  "    disable: true",
  "  file:",
  "    path: /config/users_database.yml",
  "    watch: false",
  "access_control:",
  "  default_policy: deny",
  "  rules:",
  "    - domain: '{{ $host }}'",
  "      policy: bypass",
  "    - domain: '*.{{ $domain }}'",
  "      policy: one_factor",
  "session:",
  "  cookies:",
  "    - domain: '{{ $domain }}'",
  "      authelia_url: 'https://{{ $host }}'",
  "regulation:",
  "  max_retries: 5",
  "  find_time: 2m",
  "  ban_time: 10m",
  "storage:",
  "  local:",
  "    path: /data/db.sqlite3",
  "notifier:",
  "  filesystem:",
  "    filename: /data/notification.txt",
  "",
].join("\n");

/**
 * The users file until the installer gives theirs: Authelia refuses an empty `users` map, so it holds one
 * disabled placeholder whose argon2id digest is of a random password nobody kept.
 */
const PLACEHOLDER_USERS = [
  "# Replace this file: set secrets.users.existingSecret, or secrets.users.stringData.users_database.yml.",
  "# Hash passwords with: authelia crypto hash generate argon2 --password '...'",
  "users:",
  "  placeholder:",
  "    disabled: true",
  "    displayname: Placeholder",
  "    password: '$argon2id$v=19$m=65536,t=3,p=4$IRm+oVUMyw7Y0I8xVkcKZw$" +
    "yvFN1Uj4AXo/X8apqECDMdHb963KWCRqMx4/BV6cfl8'",
  "",
].join("\n");

/** Where Authelia's Service answers forwardAuth requests (the release's Service, in its namespace). */
const FORWARD_AUTH =
  'http://{{ include "homelab.fullname" . }}.{{ .Release.Namespace }}.svc.cluster.local:9091' +
  "/api/authz/forward-auth";

/**
 * Authelia. https://www.authelia.com/integration/kubernetes/traefik-ingress/,
 * https://www.authelia.com/integration/kubernetes/secrets/
 *
 * - Non-root (uid 1000) with a read-only root filesystem: a single Go binary that writes only to /data (the
 *   SQLite database and the filesystem notifier). The image's entrypoint uses su-exec only when started as
 *   root. Its Docker HEALTHCHECK script reads /app/.healthcheck.env, which Authelia rewrites at start: on a
 *   read-only root that write fails and stops Authelia, so AUTHELIA_SERVER_DISABLE_HEALTHCHECK=true turns it
 *   off (the Kubernetes probes call /api/health instead).
 * - Configuration: the `config` ConfigMap (configuration.yml), passed through Helm's tpl; a change rolls the
 *   pod. The cookie domain is the portal host minus its first label; every protected app must be under it.
 *   The default host is authelia.lab.home.arpa, not authelia.home.arpa like other charts: home.arpa is on the
 *   public suffix list, so Authelia refuses it as a cookie domain (and browsers would drop the cookie). Put
 *   Authelia and the apps it protects under one domain of your own (lab.home.arpa, example.org, ...).
 * - Secrets: the reset-password JWT secret, the session secret and the storage encryption key are generated
 *   once (Secret `app`, kept across upgrades), mounted as files at /secrets and passed with Authelia's
 *   `*_FILE` variables. Do not also set them in configuration.yml (Authelia refuses to start). The storage
 *   encryption key must never change once the database exists.
 * - Users: the file backend reads /config/users_database.yml from the Secret `users` (read-only, so password
 *   reset is disabled). The default holds only a disabled placeholder: give the real file with
 *   `secrets.users.existingSecret` or `secrets.users.stringData`. The pod rolls when those values change;
 *   after editing an existing Secret, restart it (`kubectl rollout restart deploy/authelia`).
 * - Storage: SQLite on the `data` claim, notifications to /data/notification.txt. PostgreSQL instead: set
 *   storage.postgres.{address,database,username} in configuration.yml and
 *   AUTHELIA_STORAGE_POSTGRES_PASSWORD_FILE (a mounted Secret); SMTP likewise (representative values).
 * - Traefik forwardAuth: create a Middleware in Authelia's namespace (the `traefik-middleware` values set
 *   ships it as `rawResources.forwardauth`; rawResources render unconditionally, so it is not on by default):
 *
 *       apiVersion: traefik.io/v1alpha1
 *       kind: Middleware
 *       metadata: { name: forwardauth-authelia, namespace: auth }
 *       spec:
 *         forwardAuth:
 *           address: http://authelia.auth.svc.cluster.local:9091/api/authz/forward-auth
 *           trustForwardHeader: true
 *           authResponseHeaders: [Authorization, Proxy-Authorization, Remote-User, Remote-Groups,
 *                                 Remote-Email, Remote-Name]
 *
 *   then annotate the Ingress of every protected app (never Authelia's own) with
 *   `traefik.ingress.kubernetes.io/router.middlewares: auth-forwardauth-authelia@kubernetescrd`
 *   (`<namespace>-<name>@kubernetescrd`; Traefik's kubernetescrd provider must allow cross-namespace
 *   references, or copy the Middleware into each namespace). Traefik v3 (k3s today) uses traefik.io/v1alpha1;
 *   upstream's older examples use traefik.containo.us/v1alpha1.
 */
export default defineService({
  name: "authelia",
  description:
    "Authelia: single sign-on and two-factor authentication portal for homelab apps behind Traefik.",
  home: "https://www.authelia.com",
  sources: ["https://github.com/authelia/authelia"],
  icon: "https://raw.githubusercontent.com/authelia/authelia/master/docs/static/images/branding/logo.svg",
  keywords: ["sso", "2fa", "authentication", "forward-auth", "homelab"],
  values: {
    controllers: {
      main: {
        pod: {
          // The users file is a Secret mounted by subPath: roll the pod when its values change.
          annotations: { "checksum/users": "{{ toJson .Values.secrets.users | sha256sum }}" },
        },
        containers: {
          main: {
            image: { repository: "ghcr.io/authelia/authelia", tag: "4.39.20" },
            env: {
              TZ: "Etc/UTC",
              X_AUTHELIA_CONFIG: "/config/configuration.yml",
              AUTHELIA_SERVER_DISABLE_HEALTHCHECK: "true",
              AUTHELIA_IDENTITY_VALIDATION_RESET_PASSWORD_JWT_SECRET_FILE: "/secrets/JWT_SECRET",
              AUTHELIA_SESSION_SECRET_FILE: "/secrets/SESSION_SECRET",
              AUTHELIA_STORAGE_ENCRYPTION_KEY_FILE: "/secrets/STORAGE_ENCRYPTION_KEY",
            },
            probes: httpProbes({ path: "/api/health", startup: { periodSeconds: 5, failureThreshold: 30 } }),
            resources: { requests: { cpu: "25m", memory: "64Mi" }, limits: { memory: "256Mi" } },
          },
        },
      },
    },
    service: { main: { controller: "main", ports: { http: { port: 9091 } } } },
    ingress: { main: hostIngress({ host: "authelia.lab.home.arpa" }) },
    configMaps: { config: { data: { "configuration.yml": CONFIGURATION } } },
    secrets: {
      app: generatedSecret({ JWT_SECRET: 64, SESSION_SECRET: 64, STORAGE_ENCRYPTION_KEY: 64 }),
      users: { templated: false, stringData: { "users_database.yml": PLACEHOLDER_USERS } },
    },
    persistence: {
      config: {
        type: "configMap",
        identifier: "config",
        globalMounts: [{ path: "/config/configuration.yml", subPath: "configuration.yml", readOnly: true }],
      },
      users: {
        type: "secret",
        identifier: "users",
        globalMounts: [{ path: "/config/users_database.yml", subPath: "users_database.yml", readOnly: true }],
      },
      // 0440: group-readable; the files belong to fsGroup 1000.
      secrets: {
        type: "secret",
        identifier: "app",
        defaultMode: 0o440,
        globalMounts: [{ path: "/secrets", readOnly: true }],
      },
      data: volumeClaim({ size: "256Mi", path: "/data" }),
      tmp: emptyDir({ path: "/tmp" }),
    },
  },
});

/**
 * Representative values: users from an existing Secret, two-factor for admin apps, SMTP notifications with
 * the password from another Secret, TLS on another host.
 */
export const ciValues = defineCiValues({
  representative: {
    secrets: { users: { existingSecret: "authelia-users" } },
    configMaps: {
      config: {
        data: {
          "configuration.yml": [
            ...HOST_AND_DOMAIN,
            "server:",
            "  address: 'tcp://:9091/'",
            "totp:",
            "  issuer: '{{ $domain }}'",
            "authentication_backend:",
            "  password_reset:",
            "    disable: true",
            "  file:",
            "    path: /config/users_database.yml",
            "access_control:",
            "  default_policy: deny",
            "  rules:",
            "    - domain: '{{ $host }}'",
            "      policy: bypass",
            "    - domain: ['grafana.{{ $domain }}', 'links.{{ $domain }}']",
            "      subject: ['group:admins']",
            "      policy: two_factor",
            "    - domain: '*.{{ $domain }}'",
            "      policy: one_factor",
            "session:",
            "  cookies:",
            "    - domain: '{{ $domain }}'",
            "      authelia_url: 'https://{{ $host }}'",
            "      default_redirection_url: 'https://home.{{ $domain }}'",
            "storage:",
            "  local:",
            "    path: /data/db.sqlite3",
            "notifier:",
            "  smtp:",
            "    address: 'submission://smtp.example.org:587'",
            "    sender: 'Authelia <auth@example.org>'",
            "    username: authelia",
            "",
          ].join("\n"),
        },
      },
    },
    controllers: {
      main: {
        containers: { main: { env: { AUTHELIA_NOTIFIER_SMTP_PASSWORD_FILE: "/smtp/SMTP_PASSWORD" } } },
      },
    },
    persistence: {
      smtp: { type: "secret", name: "authelia-smtp", globalMounts: [{ path: "/smtp", readOnly: true }] },
    },
    ingress: { main: hostIngress({ host: "auth.example.org", tlsSecret: "auth-tls" }) },
  },
  /** The forwardAuth Middleware for Traefik (needs Traefik's CRDs), as protected apps reference it. */
  "traefik-middleware": {
    rawResources: {
      forwardauth: {
        apiVersion: "traefik.io/v1alpha1",
        kind: "Middleware",
        nameOverride: "forwardauth-authelia",
        spec: {
          spec: {
            forwardAuth: {
              address: FORWARD_AUTH,
              trustForwardHeader: true,
              authResponseHeaders: [
                "Authorization",
                "Proxy-Authorization",
                "Remote-User",
                "Remote-Groups",
                "Remote-Email",
                "Remote-Name",
              ],
            },
          },
        },
      },
    },
  },
});
