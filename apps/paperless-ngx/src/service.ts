import { defineCiValues, defineService } from "@homelab/chart-kit";

const dir = "/usr/src/paperless";

/** Paperless-ngx with its Redis broker. https://docs.paperless-ngx.com/setup/#docker */
export default defineService({
  name: "paperless-ngx",
  description: "Paperless-ngx: scan, index and archive all your documents; with its Redis broker.",
  home: "https://docs.paperless-ngx.com",
  sources: ["https://github.com/paperless-ngx/paperless-ngx"],
  icon: "https://raw.githubusercontent.com/paperless-ngx/paperless-ngx/main/resources/logo/web/svg/square.svg",
  keywords: ["documents", "ocr", "homelab"],
  exceptions: [
    {
      kind: "runAsRoot",
      controller: "main",
      reason: "the image's init starts as root and drops to USERMAP_UID",
    },
    {
      kind: "writableRootFilesystem",
      controller: "main",
      container: "main",
      reason: "the init scripts write /run and adjust users at start",
    },
  ],
  values: {
    controllers: {
      main: {
        pod: { securityContext: { runAsNonRoot: false, runAsUser: 0, runAsGroup: 0 } },
        containers: {
          main: {
            image: { repository: "ghcr.io/paperless-ngx/paperless-ngx", tag: "2.14.7" },
            env: {
              PAPERLESS_REDIS:
                'redis://{{ include "homelab.componentName" (dict "root" . "id" "redis") }}:6379',
              PAPERLESS_URL: "https://{{ (index .Values.ingress.main.hosts 0).host }}",
              PAPERLESS_PORT: "8000",
              PAPERLESS_DATA_DIR: `${dir}/data`,
              PAPERLESS_MEDIA_ROOT: `${dir}/media`,
              PAPERLESS_CONSUMPTION_DIR: `${dir}/consume`,
              PAPERLESS_TIME_ZONE: "Etc/UTC",
              USERMAP_UID: "1000",
              USERMAP_GID: "1000",
              PAPERLESS_SECRET_KEY: { valueFrom: { secretKeyRef: { identifier: "app", key: "SECRET_KEY" } } },
            },
            probes: {
              startup: { type: "tcp", port: "http", spec: { failureThreshold: 60 } },
              liveness: { type: "http", path: "/", port: "http" },
              readiness: { type: "tcp", port: "http" },
            },
            resources: { requests: { cpu: "200m", memory: "512Mi" }, limits: { memory: "2Gi" } },
            securityContext: { readOnlyRootFilesystem: false },
          },
        },
      },
      redis: {
        pod: { securityContext: { runAsUser: 999, runAsGroup: 999, fsGroup: 999 } },
        containers: {
          main: {
            image: { repository: "docker.io/library/redis", tag: "7.4.2" },
            args: ["--save", "60", "1", "--loglevel", "warning"],
            probes: {
              liveness: { type: "tcp", port: "redis" },
              readiness: { type: "exec", command: ["redis-cli", "ping"] },
            },
            resources: { requests: { cpu: "20m", memory: "32Mi" }, limits: { memory: "256Mi" } },
          },
        },
      },
    },
    service: {
      main: { controller: "main", ports: { http: { port: 8000 } } },
      redis: { controller: "redis", ports: { redis: { port: 6379 } } },
    },
    ingress: {
      main: {
        hosts: [
          {
            host: "paperless-ngx.home.arpa",
            paths: [{ path: "/", service: { identifier: "main", port: "http" } }],
          },
        ],
      },
    },
    persistence: {
      data: {
        type: "persistentVolumeClaim",
        size: "5Gi",
        advancedMounts: { main: { main: [{ path: `${dir}/data` }] } },
      },
      media: {
        type: "persistentVolumeClaim",
        size: "20Gi",
        advancedMounts: { main: { main: [{ path: `${dir}/media` }] } },
      },
      consume: {
        type: "persistentVolumeClaim",
        size: "5Gi",
        advancedMounts: { main: { main: [{ path: `${dir}/consume` }] } },
      },
      "redis-data": {
        type: "persistentVolumeClaim",
        size: "1Gi",
        advancedMounts: { redis: { main: [{ path: "/data" }] } },
      },
    },
    secrets: { app: { generate: { SECRET_KEY: { length: 64 } } } },
  },
});

/** Representative values: OCR languages, a shared media claim, Redis as a StatefulSet. */
export const ciValues = defineCiValues({
  representative: {
    controllers: {
      main: { containers: { main: { env: { PAPERLESS_OCR_LANGUAGE: "deu+eng" } } } },
      redis: { type: "statefulset" },
    },
    persistence: { media: { existingClaim: "nas-documents" } },
    ingress: {
      main: {
        hosts: [
          { host: "docs.example.org", paths: [{ path: "/", service: { identifier: "main", port: "http" } }] },
        ],
        tls: [{ hosts: ["docs.example.org"], secretName: "docs-tls" }],
      },
    },
  },
});
