/**
 * The commented `src/service.ts` a new service package starts from when no
 * Compose file is given: every part a definition usually has, each with what
 * to fill in. It type-checks as written; the build refuses it until the image
 * is pinned (tag "latest").
 */
import { titleOf } from "./render-draft.ts";

/** The skeleton's text for chart `name`. */
export function serviceSkeleton(name: string): string {
  const title = titleOf(name);
  return `import { defineCiValues, defineService } from "@homelab/chart-kit";

// The values model: packages/chart-kit/library/VALUES.md (bjw-s app-template names). Every field documents
// its default in your editor. Examples: apps/jellyfin (one container), apps/paperless-ngx (app + Redis).
// Anything beyond the secure defaults (root, host network, capabilities, a writable root filesystem, host
// paths) needs an entry in \`exceptions\` with its reason; the build names what is missing.

/** ${title}. TODO: link the upstream docs the values come from. */
export default defineService({
  name: "${name}",
  description: "${title}: TODO: what it does, in one sentence.",
  home: "https://TODO.example.org",
  // TODO: the source repositories, a few keywords, an icon URL.
  sources: [],
  keywords: ["homelab"],
  values: {
    controllers: {
      main: {
        containers: {
          main: {
            // TODO: the image and a released tag (the build refuses "latest"); its tag is the appVersion.
            image: { repository: "docker.io/TODO/${name}", tag: "latest" },
            env: { TZ: "Etc/UTC" },
            // TODO: the health endpoint from the docs (http), else a TCP check of the port.
            probes: {
              liveness: { type: "http", path: "/", port: "http" },
              readiness: { type: "http", path: "/", port: "http" },
            },
            // TODO: what it needs at rest (requests) and at most (limits).
            resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "512Mi" } },
          },
        },
      },
    },
    // TODO: the port it listens on. Ports for the LAN (DNS, MQTT, ...) go in a LoadBalancer service.
    service: { main: { controller: "main", ports: { http: { port: 8080 } } } },
    ingress: {
      main: {
        hosts: [
          {
            host: "${name}.home.arpa",
            paths: [{ path: "/", service: { identifier: "main", port: "http" } }],
          },
        ],
      },
    },
    persistence: {
      // TODO: where it keeps its data, and how much.
      config: { type: "persistentVolumeClaim", size: "1Gi", globalMounts: [{ path: "/config" }] },
      // The root filesystem is read-only: most images need a writable /tmp.
      tmp: { type: "emptyDir", globalMounts: [{ path: "/tmp" }] },
    },
  },
});

/** Representative values: TODO: what another homelab changes (checked by helm lint and the render tests). */
export const ciValues = defineCiValues({
  representative: {
    ingress: {
      main: {
        hosts: [
          {
            host: "${name}.example.org",
            paths: [{ path: "/", service: { identifier: "main", port: "http" } }],
          },
        ],
        tls: [{ hosts: ["${name}.example.org"], secretName: "${name}-tls" }],
      },
    },
    persistence: { config: { size: "5Gi" } },
  },
});
`;
}
