import {
  defineCiValues,
  defineService,
  emptyDir,
  generatedSecret,
  hostIngress,
  httpProbes,
  ingressHost,
  runAsUser,
  volumeClaim,
} from "@homelab/chart-kit";

/**
 * Grafana OSS. https://grafana.com/docs/grafana/latest/setup-grafana/installation/kubernetes/
 *
 * - 12.4 is the last 12.x minor (security fixes until May 2027). 13.x saves dashboards in the v2 JSON
 *   format that file provisioning rejects: move to 13 deliberately.
 * - Runs as the image's `grafana` user (uid/gid/fsGroup 472), as Grafana's own Kubernetes manifest does.
 * - Read-only root filesystem: GF_LOG_MODE=console stops the file log under /var/log/grafana; data,
 *   plugins (GF_PATHS_PLUGINS) and the SQLite database live in /var/lib/grafana (the `data` claim).
 * - The admin password comes from the generated Secret `admin` through Grafana's `__FILE` env suffix. It
 *   only seeds the admin user on the first start; later changes happen in the UI or `grafana cli`.
 * - Database: the embedded SQLite. For PostgreSQL set GF_DATABASE_TYPE=postgres, GF_DATABASE_HOST
 *   (host:port), GF_DATABASE_NAME, GF_DATABASE_USER and GF_DATABASE_PASSWORD__FILE (a mounted Secret).
 * - Datasources are provisioned from the `datasources` ConfigMap (an empty list by default); a change
 *   rolls the pod (checksum/config).
 */
export default defineService({
  name: "grafana",
  description:
    "Grafana: dashboards and alerting for metrics, logs and traces from Prometheus, Loki and more.",
  home: "https://grafana.com/oss/grafana/",
  sources: ["https://github.com/grafana/grafana"],
  icon: "https://raw.githubusercontent.com/grafana/grafana/main/public/img/grafana_icon.svg",
  keywords: ["dashboards", "monitoring", "observability", "homelab"],
  values: {
    controllers: {
      main: {
        pod: { securityContext: runAsUser(472) },
        containers: {
          main: {
            image: { repository: "docker.io/grafana/grafana", tag: "12.4.3" },
            env: {
              GF_SERVER_ROOT_URL: `https://${ingressHost()}`,
              GF_SECURITY_ADMIN_USER: "admin",
              GF_SECURITY_ADMIN_PASSWORD__FILE: "/secrets/admin/GF_SECURITY_ADMIN_PASSWORD",
              GF_PATHS_DATA: "/var/lib/grafana",
              GF_LOG_MODE: "console",
              GF_ANALYTICS_REPORTING_ENABLED: "false",
              GF_ANALYTICS_CHECK_FOR_UPDATES: "false",
            },
            probes: httpProbes({
              path: "/api/health",
              startup: { periodSeconds: 5, failureThreshold: 60 },
              liveness: { timeoutSeconds: 5 },
            }),
            resources: { requests: { cpu: "100m", memory: "192Mi" }, limits: { memory: "1Gi" } },
          },
        },
      },
    },
    service: { main: { controller: "main", ports: { http: { port: 3000 } } } },
    ingress: { main: hostIngress({ host: "grafana.home.arpa" }) },
    configMaps: {
      datasources: { data: { "homelab.yaml": "apiVersion: 1\ndatasources: []\n" } },
    },
    secrets: { admin: generatedSecret({ GF_SECURITY_ADMIN_PASSWORD: 24 }) },
    persistence: {
      data: volumeClaim({ size: "5Gi", path: "/var/lib/grafana" }),
      // 0440: readable by the grafana user through fsGroup 472.
      admin: {
        type: "secret",
        identifier: "admin",
        defaultMode: 0o440,
        globalMounts: [{ path: "/secrets/admin", readOnly: true }],
      },
      datasources: {
        type: "configMap",
        identifier: "datasources",
        globalMounts: [
          {
            path: "/etc/grafana/provisioning/datasources/homelab.yaml",
            subPath: "homelab.yaml",
            readOnly: true,
          },
        ],
      },
      tmp: emptyDir({ path: "/tmp" }),
    },
  },
});

/**
 * Representative values: login through Authelia's Remote-User header (auth proxy), Prometheus and Loki
 * datasources, TLS on another host and a bigger volume.
 */
export const ciValues = defineCiValues({
  representative: {
    controllers: {
      main: {
        containers: {
          main: {
            env: {
              GF_AUTH_PROXY_ENABLED: "true",
              GF_AUTH_PROXY_HEADER_NAME: "Remote-User",
              GF_AUTH_PROXY_HEADER_PROPERTY: "username",
              GF_AUTH_PROXY_AUTO_SIGN_UP: "true",
            },
          },
        },
      },
    },
    configMaps: {
      datasources: {
        data: {
          "homelab.yaml": [
            "apiVersion: 1",
            "datasources:",
            "  - name: Prometheus",
            "    type: prometheus",
            "    access: proxy",
            "    url: http://prometheus-server.monitoring.svc:80",
            "    isDefault: true",
            "  - name: Loki",
            "    type: loki",
            "    access: proxy",
            "    url: http://loki-gateway.monitoring.svc:80",
            "",
          ].join("\n"),
        },
      },
    },
    persistence: { data: { size: "10Gi" } },
    ingress: {
      main: hostIngress({
        host: "grafana.example.org",
        annotations: {
          "traefik.ingress.kubernetes.io/router.middlewares": "auth-forwardauth-authelia@kubernetescrd",
        },
        tlsSecret: "grafana-tls",
      }),
    },
  },
});
