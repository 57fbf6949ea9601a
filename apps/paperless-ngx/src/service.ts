import type { Json } from "@homelab/chart-kit";
import { defineService } from "@homelab/chart-kit";

const dir = "/usr/src/paperless";

/** Paperless-ngx with its Redis broker. https://docs.paperless-ngx.com/setup/#docker */
export default defineService({
  name: "paperless-ngx",
  description: "Paperless-ngx: scan, index and archive all your documents; with its Redis broker.",
  home: "https://docs.paperless-ngx.com",
  sources: ["https://github.com/paperless-ngx/paperless-ngx"],
  icon: "https://raw.githubusercontent.com/paperless-ngx/paperless-ngx/main/resources/logo/web/svg/square.svg",
  keywords: ["documents", "ocr", "homelab"],
  controllers: {
    main: {
      image: { repository: "ghcr.io/paperless-ngx/paperless-ngx", tag: "2.14.7" },
      env: {
        PAPERLESS_REDIS: 'redis://{{ include "homelab.componentName" (dict "root" . "id" "redis") }}:6379',
        PAPERLESS_URL: "https://{{ .Values.ingress.main.host }}",
        PAPERLESS_PORT: "8000",
        PAPERLESS_DATA_DIR: `${dir}/data`,
        PAPERLESS_MEDIA_ROOT: `${dir}/media`,
        PAPERLESS_CONSUMPTION_DIR: `${dir}/consume`,
        PAPERLESS_TIME_ZONE: "Etc/UTC",
        USERMAP_UID: "1000",
        USERMAP_GID: "1000",
      },
      secretEnv: { PAPERLESS_SECRET_KEY: { secret: "app", key: "SECRET_KEY" } },
      runAsRoot: { reason: "the image's init starts as root and drops to USERMAP_UID" },
      writableRootFilesystem: { reason: "the init scripts write /run and adjust users at start" },
      probes: {
        startup: { type: "tcp", port: "http", timing: { failureThreshold: 60 } },
        liveness: { type: "http", path: "/", port: "http" },
        readiness: { type: "tcp", port: "http" },
      },
      resources: { requests: { cpu: "200m", memory: "512Mi" }, limits: { memory: "2Gi" } },
    },
    redis: {
      image: { repository: "docker.io/library/redis", tag: "7.4.2" },
      args: ["--save", "60", "1", "--loglevel", "warning"],
      runAs: { user: 999, group: 999 },
      probes: {
        liveness: { type: "tcp", port: "redis" },
        readiness: { type: "exec", command: ["redis-cli", "ping"] },
      },
      resources: { requests: { cpu: "20m", memory: "32Mi" }, limits: { memory: "256Mi" } },
    },
  },
  services: {
    main: { ports: { http: { port: 8000 } } },
    redis: { controller: "redis", ports: { redis: { port: 6379 } } },
  },
  ingress: { main: { port: "http" } },
  persistence: {
    data: { type: "persistentVolumeClaim", mountPath: `${dir}/data`, size: "5Gi" },
    media: { type: "persistentVolumeClaim", mountPath: `${dir}/media`, size: "20Gi" },
    consume: { type: "persistentVolumeClaim", mountPath: `${dir}/consume`, size: "5Gi" },
    "redis-data": { type: "persistentVolumeClaim", controller: "redis", mountPath: "/data", size: "1Gi" },
  },
  secrets: { app: { generate: { SECRET_KEY: { length: 64 } } } },
});

/** Representative values: OCR languages, a shared media claim, Redis as a StatefulSet. */
export const ciValues: Record<string, Record<string, Json>> = {
  representative: {
    controllers: {
      main: { env: { PAPERLESS_OCR_LANGUAGE: "deu+eng" } },
      redis: { type: "statefulset" },
    },
    persistence: { media: { existingClaim: "nas-documents" } },
    ingress: { main: { host: "docs.example.org", tls: { enabled: true } } },
  },
};
