import {
  defineCiValues,
  defineService,
  emptyDir,
  hostIngress,
  httpProbes,
  ingressHost,
  volumeClaim,
} from "@homelab/chart-kit";

/**
 * ntfy server. https://docs.ntfy.sh/install/#docker, https://docs.ntfy.sh/config/
 *
 * - Non-root (uid 1000, the chart default) with a read-only root filesystem: a static Go binary whose state
 *   (message cache, user database, attachments) is all in /var/lib/ntfy, owned through fsGroup.
 *   ntfy listens on :80 by default, so NTFY_LISTEN_HTTP=:8080 and the Service maps 80 -> 8080.
 * - Access control: NTFY_AUTH_FILE with NTFY_AUTH_DEFAULT_ACCESS=deny-all, so nothing is public. Create the
 *   first admin by hand: `kubectl exec deploy/ntfy -- ntfy user add --role=admin <name>`, or declare users
 *   (v2.14+) with NTFY_AUTH_USERS='name:<bcrypt hash>:admin' from a Secret (hash with `ntfy user hash`).
 * - NTFY_UPSTREAM_BASE_URL=https://ntfy.sh gives instant iOS notifications from a self-hosted server (poll
 *   requests are forwarded upstream); remove it for a fully offline setup.
 * - Behind Traefik: NTFY_BEHIND_PROXY=true so rate limiting sees the client IP from X-Forwarded-For.
 *   Streaming (SSE, WebSocket) works through Traefik without extra settings.
 */
export default defineService({
  name: "ntfy",
  description: "ntfy: simple HTTP-based pub-sub push notifications to your phone or desktop, self-hosted.",
  home: "https://ntfy.sh",
  sources: ["https://github.com/binwiederhier/ntfy"],
  icon: "https://raw.githubusercontent.com/binwiederhier/ntfy/main/.github/images/logo.png",
  keywords: ["notifications", "push", "pubsub", "homelab"],
  values: {
    controllers: {
      main: {
        containers: {
          main: {
            image: { repository: "docker.io/binwiederhier/ntfy", tag: "v2.22.0" },
            args: ["serve"],
            env: {
              TZ: "Etc/UTC",
              NTFY_BASE_URL: `https://${ingressHost()}`,
              NTFY_LISTEN_HTTP: ":8080",
              NTFY_BEHIND_PROXY: "true",
              NTFY_CACHE_FILE: "/var/lib/ntfy/cache.db",
              NTFY_AUTH_FILE: "/var/lib/ntfy/user.db",
              NTFY_AUTH_DEFAULT_ACCESS: "deny-all",
              NTFY_ENABLE_LOGIN: "true",
              NTFY_ATTACHMENT_CACHE_DIR: "/var/lib/ntfy/attachments",
              NTFY_UPSTREAM_BASE_URL: "https://ntfy.sh",
            },
            probes: httpProbes({ path: "/v1/health", startup: { periodSeconds: 5, failureThreshold: 30 } }),
            resources: { requests: { cpu: "20m", memory: "32Mi" }, limits: { memory: "256Mi" } },
          },
        },
      },
    },
    service: { main: { controller: "main", ports: { http: { port: 80, targetPort: 8080 } } } },
    ingress: { main: hostIngress({ host: "ntfy.home.arpa" }) },
    persistence: {
      data: volumeClaim({ size: "2Gi", path: "/var/lib/ntfy" }),
      tmp: emptyDir({ path: "/tmp" }),
    },
  },
});

/** Representative values: read-only public topics, attachment limits, e-mail publishing, TLS elsewhere. */
export const ciValues = defineCiValues({
  representative: {
    controllers: {
      main: {
        containers: {
          main: {
            env: {
              NTFY_AUTH_DEFAULT_ACCESS: "read-only",
              NTFY_CACHE_DURATION: "24h",
              NTFY_ATTACHMENT_TOTAL_SIZE_LIMIT: "2G",
              NTFY_ATTACHMENT_FILE_SIZE_LIMIT: "20M",
              NTFY_SMTP_SENDER_ADDR: "smtp.example.org:587",
              NTFY_SMTP_SENDER_FROM: "ntfy@example.org",
            },
          },
        },
      },
    },
    persistence: { data: { size: "5Gi" } },
    ingress: { main: hostIngress({ host: "push.example.org", tlsSecret: "push-tls" }) },
  },
});
