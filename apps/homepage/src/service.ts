import { defineCiValues, defineService, emptyDir, hostIngress, ingressHost } from "@homelab/chart-kit";

/** The files Homepage reads from /app/config, each mounted from the `config` ConfigMap. */
const CONFIG_FILES = [
  "bookmarks.yaml",
  "custom.css",
  "custom.js",
  "docker.yaml",
  "kubernetes.yaml",
  "services.yaml",
  "settings.yaml",
  "widgets.yaml",
];

/** Homepage's health check; localhost:3000 is always allowed, whatever HOMEPAGE_ALLOWED_HOSTS says. */
const healthCheck = (timing: Record<string, number>) => ({
  type: "custom" as const,
  spec: {
    httpGet: {
      path: "/api/healthcheck",
      port: "http",
      httpHeaders: [{ name: "Host", value: "localhost:3000" }],
    },
    ...timing,
  },
});

/**
 * Homepage. https://gethomepage.dev/installation/k8s/, https://gethomepage.dev/configs/kubernetes/
 *
 * - Runs as uid 1000 with all capabilities dropped, as upstream's Kubernetes manifest does; started as
 *   non-root the entrypoint execs the server directly (its chown attempts only warn). A read-only root
 *   filesystem is added here: /app/config is an emptyDir with the ConfigMap's files mounted by subPath
 *   (Homepage copies skeleton files for missing ones and writes /app/config/logs), and /app/.next/cache and
 *   /tmp are emptyDirs.
 * - HOMEPAGE_ALLOWED_HOSTS (required since v1.0) follows the ingress host. The probes send
 *   `Host: localhost:3000`, which is always allowed.
 * - Kubernetes widgets and Ingress discovery (`gethomepage.dev/*` annotations on any Ingress): the
 *   read-only ClusterRole `main` (upstream's rules: get/list, plus watch) is bound to the chart's
 *   ServiceAccount `main`, and the pod mounts its token (automountServiceAccountToken: true; the chart
 *   default is false). metrics.k8s.io needs metrics-server (k3s ships it); the traefik.io and Gateway API
 *   rules do nothing when those CRDs are absent.
 * - The `config` ConfigMap is not passed through Helm's tpl (`templated: false`), so Homepage's own
 *   `{{HOMEPAGE_VAR_*}}` / `{{HOMEPAGE_FILE_*}}` placeholders can be used. subPath mounts do not hot-reload,
 *   but a change rolls the pod (checksum/config).
 */
export default defineService({
  name: "homepage",
  description:
    "Homepage: a fast, static-config start page for your homelab with service and Kubernetes widgets.",
  home: "https://gethomepage.dev",
  sources: ["https://github.com/gethomepage/homepage"],
  icon: "https://raw.githubusercontent.com/gethomepage/homepage/dev/public/apple-touch-icon.png",
  keywords: ["dashboard", "startpage", "kubernetes", "homelab"],
  values: {
    controllers: {
      main: {
        strategy: "RollingUpdate",
        serviceAccount: { identifier: "main" },
        pod: { automountServiceAccountToken: true },
        containers: {
          main: {
            image: { repository: "ghcr.io/gethomepage/homepage", tag: "v1.12.3" },
            env: {
              PUID: "1000",
              PGID: "1000",
              HOMEPAGE_ALLOWED_HOSTS: ingressHost(),
            },
            probes: {
              startup: healthCheck({ periodSeconds: 5, failureThreshold: 30 }),
              liveness: healthCheck({ periodSeconds: 15 }),
              readiness: healthCheck({ periodSeconds: 15 }),
            },
            resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "512Mi" } },
          },
        },
      },
    },
    service: { main: { controller: "main", ports: { http: { port: 3000 } } } },
    ingress: {
      main: hostIngress({
        host: "homepage.home.arpa",
        annotations: {
          "gethomepage.dev/enabled": "true",
          "gethomepage.dev/name": "Homepage",
          "gethomepage.dev/group": "Cluster",
          "gethomepage.dev/icon": "homepage.png",
        },
      }),
    },
    serviceAccount: { main: {} },
    rbac: {
      roles: {
        main: {
          type: "ClusterRole",
          rules: [
            { apiGroups: [""], resources: ["namespaces", "pods", "nodes"], verbs: ["get", "list", "watch"] },
            {
              apiGroups: ["extensions", "networking.k8s.io"],
              resources: ["ingresses"],
              verbs: ["get", "list", "watch"],
            },
            { apiGroups: ["traefik.io"], resources: ["ingressroutes"], verbs: ["get", "list", "watch"] },
            {
              apiGroups: ["gateway.networking.k8s.io"],
              resources: ["httproutes", "gateways"],
              verbs: ["get", "list", "watch"],
            },
            { apiGroups: ["metrics.k8s.io"], resources: ["nodes", "pods"], verbs: ["get", "list"] },
          ],
        },
      },
      bindings: {
        main: {
          type: "ClusterRoleBinding",
          roleRef: { identifier: "main" },
          subjects: [{ identifier: "main" }],
        },
      },
    },
    configMaps: {
      config: {
        templated: false,
        data: {
          "kubernetes.yaml": "mode: cluster\n",
          "settings.yaml": "title: Homelab\nheaderStyle: clean\n",
          "services.yaml": [
            "- Homelab:",
            "    - Kubernetes:",
            "        href: https://kubernetes.io/docs/",
            "        description: Ingresses with gethomepage.dev annotations appear automatically.",
            "",
          ].join("\n"),
          "bookmarks.yaml": [
            "- Docs:",
            "    - Homepage:",
            "        - abbr: HP",
            "          href: https://gethomepage.dev",
            "",
          ].join("\n"),
          "widgets.yaml": [
            "- kubernetes:",
            "    cluster:",
            "      show: true",
            "      cpu: true",
            "      memory: true",
            "      showLabel: true",
            "      label: cluster",
            "    nodes:",
            "      show: true",
            "      cpu: true",
            "      memory: true",
            "      showLabel: true",
            "- search:",
            "    provider: duckduckgo",
            "    target: _blank",
            "",
          ].join("\n"),
          "docker.yaml": "",
          "custom.css": "",
          "custom.js": "",
        },
      },
    },
    persistence: {
      "config-files": {
        type: "configMap",
        identifier: "config",
        globalMounts: CONFIG_FILES.map((file) => ({
          path: `/app/config/${file}`,
          subPath: file,
          readOnly: true,
        })),
      },
      "config-dir": emptyDir({ path: "/app/config" }),
      "next-cache": emptyDir({ path: "/app/.next/cache" }),
      tmp: emptyDir({ path: "/tmp" }),
    },
  },
});

/** Representative values: media services with a site monitor, a Longhorn provider, TLS on another host. */
export const ciValues = defineCiValues({
  representative: {
    configMaps: {
      config: {
        data: {
          "services.yaml": [
            "- Media:",
            "    - Jellyfin:",
            "        href: https://media.example.org",
            "        icon: jellyfin.png",
            "        siteMonitor: http://jellyfin.media.svc:8096",
            "        widget:",
            "          type: jellyfin",
            "          url: http://jellyfin.media.svc:8096",
            '          key: "{{HOMEPAGE_VAR_JELLYFIN_KEY}}"',
            "",
          ].join("\n"),
          "settings.yaml": [
            "title: Example homelab",
            "providers:",
            "  longhorn:",
            "    url: https://longhorn.example.org",
            "",
          ].join("\n"),
        },
      },
    },
    controllers: {
      main: {
        containers: {
          main: {
            env: {
              HOMEPAGE_VAR_JELLYFIN_KEY: {
                valueFrom: { secretKeyRef: { name: "homepage-widgets", key: "JELLYFIN_KEY" } },
              },
            },
          },
        },
      },
    },
    ingress: { main: hostIngress({ host: "start.example.org", tlsSecret: "start-tls" }) },
  },
});
