import {
  componentName,
  defineCiValues,
  defineService,
  generatedSecret,
  hostIngress,
  ingressHost,
  runAsRoot,
  runAsUser,
  secretEnv,
  volumeClaim,
} from "@homelab/chart-kit";

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
        pod: { securityContext: runAsRoot() },
        containers: {
          main: {
            image: { repository: "ghcr.io/paperless-ngx/paperless-ngx", tag: "2.14.7" },
            env: {
              PAPERLESS_REDIS: `redis://${componentName("redis")}:6379`,
              PAPERLESS_URL: `https://${ingressHost()}`,
              PAPERLESS_PORT: "8000",
              PAPERLESS_DATA_DIR: `${dir}/data`,
              PAPERLESS_MEDIA_ROOT: `${dir}/media`,
              PAPERLESS_CONSUMPTION_DIR: `${dir}/consume`,
              PAPERLESS_TIME_ZONE: "Etc/UTC",
              USERMAP_UID: "1000",
              USERMAP_GID: "1000",
              PAPERLESS_SECRET_KEY: secretEnv("app", "SECRET_KEY"),
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
        pod: { securityContext: runAsUser(999) },
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
    ingress: { main: hostIngress({ host: "paperless-ngx.home.arpa" }) },
    persistence: {
      data: volumeClaim({ size: "5Gi", path: `${dir}/data`, mountIn: { controller: "main" } }),
      media: volumeClaim({ size: "20Gi", path: `${dir}/media`, mountIn: { controller: "main" } }),
      consume: volumeClaim({ size: "5Gi", path: `${dir}/consume`, mountIn: { controller: "main" } }),
      "redis-data": volumeClaim({ size: "1Gi", path: "/data", mountIn: { controller: "redis" } }),
    },
    secrets: { app: generatedSecret({ SECRET_KEY: 64 }) },
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
    ingress: { main: hostIngress({ host: "docs.example.org", tlsSecret: "docs-tls" }) },
  },
});
