/**
 * A service's own Valkey (the Redis fork): a Deployment with a Service, keeping its data in an
 * emptyDir, for apps that use Redis as a job queue or cache.
 */
import type { Service } from "../values-model/service.ts";
import type { Container } from "../values-model/container.ts";
import type { Controller } from "../values-model/controller.ts";
import type { Persistence } from "../values-model/persistence.ts";
import { componentName } from "./component-name.ts";
import { emptyDir } from "./empty-dir.ts";

/** Options of {@link valkeyController}. */
export interface ValkeyControllerOptions {
  /** The Valkey image. Default: `{ repository: "docker.io/valkey/valkey", tag: "9.1.0" }`. */
  readonly image?: Container["image"];
  /**
   * Requests and limits of the valkey container.
   * Default: `{ requests: { cpu: "20m", memory: "32Mi" }, limits: { memory: "256Mi" } }`.
   */
  readonly resources?: Container["resources"];
}

/**
 * What {@link valkeyController} adds to a chart's values, by values key: spread each into the map
 * of the same name, and reach the server with `host` and `port`.
 */
export interface ValkeyParts {
  /** `controllers.redis`: the Deployment. */
  readonly controllers: { redis: Controller };
  /** `service.redis`: port `redis` (6379). */
  readonly service: { redis: Service };
  /** `persistence["redis-data"]`: an emptyDir at /data. */
  readonly persistence: Record<string, Persistence>;
  /** The server's host name (a tpl of the `redis` Service's name). */
  readonly host: string;
  /** The server's port. */
  readonly port: 6379;
}

/**
 * A Valkey server of the service's own, without a password (the network policy keeps other
 * namespaces out): the `redis` Deployment (liveness: TCP; readiness: `valkey-cli ping`), its
 * Service, and its data in the `redis-data` emptyDir, lost with the pod: for queues and caches
 * only. An installer with an existing Redis disables `controllers.redis` and `service.redis` and
 * points the app's env at it.
 *
 * @example
 * const valkey = valkeyController();
 * // env: { REDIS_HOSTNAME: valkey.host, REDIS_PORT: String(valkey.port) }
 */
export function valkeyController(options: ValkeyControllerOptions = {}): ValkeyParts {
  const {
    image = { repository: "docker.io/valkey/valkey", tag: "9.1.0" },
    resources = { requests: { cpu: "20m", memory: "32Mi" }, limits: { memory: "256Mi" } },
  } = options;
  return {
    controllers: {
      redis: {
        type: "deployment",
        containers: {
          main: {
            image: { ...image },
            probes: {
              liveness: { type: "tcp", port: "redis" },
              readiness: { type: "exec", command: ["valkey-cli", "ping"] },
            },
            resources,
          },
        },
      },
    },
    service: { redis: { controller: "redis", ports: { redis: { port: 6379 } } } },
    persistence: { "redis-data": emptyDir({ path: "/data", mountIn: { controller: "redis" } }) },
    host: componentName("redis"),
    port: 6379,
  };
}
