/**
 * A Servarr app (Sonarr, Radarr, Prowlarr, ...) from the home-operations images: rootless, configured
 * by `<APP>__<SECTION>__<KEY>` variables, health at /ping, an API key other apps need.
 */
import type { ServiceDefinition } from "../definition.ts";
import type { Container } from "../values-model/container.ts";
import type { Persistence } from "../values-model/persistence.ts";
import { allowFromNamespaces } from "./allow-from-namespaces.ts";
import { generatedSecret } from "./generated-secret.ts";
import { hostIngress } from "./host-ingress.ts";
import { httpProbes, lenientProbeTimings } from "./probes.ts";
import { secretEnv } from "./secret-env.ts";

/** Options of {@link arrService}: the chart's metadata plus what differs between Servarr apps. */
export interface ArrServiceOptions extends Omit<ServiceDefinition, "values"> {
  /**
   * The app's name in its UI (`<APP>__APP__INSTANCENAME`).
   * Default: the chart name with its first letter in upper case (`radarr` -> `Radarr`).
   */
  readonly instanceName?: string;
  /** The image, pinned, e.g. `{ repository: "ghcr.io/home-operations/radarr", tag: "6.4.1.10545" }`. */
  readonly image: Container["image"];
  /** The port the app listens on (`<APP>__SERVER__PORT`) and the `main` Service's `http` port. */
  readonly port: number;
  /** Requests and limits of the app's container. */
  readonly resources: Container["resources"];
  /** The app's volumes by id (`persistence`), e.g. `config` at /config and `tmp` at /tmp. */
  readonly persistence: Readonly<Record<string, Persistence>>;
  /**
   * The namespaces whose pods may call the app's API (other *arr apps, request managers).
   * Default: none (only the release's pods and the ingress controller).
   */
  readonly allowFrom?: readonly string[];
  /** The Ingress's host. Default: `<name>.home.arpa`. */
  readonly host?: string;
}

/**
 * The definition of a Servarr app. Its values: the `main` Deployment (Recreate: one pod at a
 * time on the config claim and its SQLite database) running `image` with TZ Etc/UTC and the
 * app's `<APP>__<SECTION>__<KEY>` variables (`<APP>` is the chart name in upper case, `-` as `_`):
 * the port, Forms authentication required for every address (the ingress controller's pod IP
 * would otherwise count as local), info logs and no log database, and the API key from the
 * generated Secret `app` (API_KEY, 32 characters; Servarr wants at least 20); /ping probes with
 * {@link lenientProbeTimings}; the `main` Service on `port`; a Traefik Ingress for `host`;
 * `persistence`; and the `main` NetworkPolicy admitting `allowFrom`. The chart's metadata
 * (name, description, home, ...) passes through unchanged.
 *
 * @example
 * export default defineService(arrService({ name: "prowlarr", ..., image, port: 9696, resources, persistence }));
 */
export function arrService(options: ArrServiceOptions): ServiceDefinition {
  const { instanceName, image, port, resources, persistence, allowFrom, host, ...metadata } = options;
  const env = metadata.name.toUpperCase().replace(/-/g, "_");
  return {
    ...metadata,
    values: {
      controllers: {
        main: {
          type: "deployment",
          strategy: "Recreate",
          containers: {
            main: {
              image: { ...image },
              env: {
                TZ: "Etc/UTC",
                [`${env}__SERVER__PORT`]: String(port),
                [`${env}__APP__INSTANCENAME`]:
                  instanceName ?? metadata.name.charAt(0).toUpperCase() + metadata.name.slice(1),
                [`${env}__AUTH__METHOD`]: "Forms",
                [`${env}__AUTH__REQUIRED`]: "Enabled",
                [`${env}__LOG__DBENABLED`]: "False",
                [`${env}__LOG__LEVEL`]: "info",
                [`${env}__AUTH__APIKEY`]: secretEnv("app", "API_KEY"),
              },
              probes: httpProbes({ path: "/ping", ...lenientProbeTimings }),
              resources,
            },
          },
        },
      },
      service: { main: { controller: "main", ports: { http: { port } } } },
      ingress: {
        main: hostIngress({
          host: host ?? `${metadata.name}.home.arpa`,
          className: "traefik",
          pathType: "Prefix",
        }),
      },
      persistence: { ...persistence },
      secrets: { app: generatedSecret({ API_KEY: 32 }) },
      ...(allowFrom === undefined ? {} : { networkpolicies: { main: allowFromNamespaces(allowFrom) } }),
    },
  };
}
