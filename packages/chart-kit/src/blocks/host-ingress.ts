/** An Ingress that sends every path of one host to one port of a chart Service. */
import type { Ingress, IngressPath } from "../values-model/ingress.ts";

/** Options of {@link hostIngress}. */
export interface HostIngressOptions {
  /** The host name (tpl), e.g. `jellyfin.home.arpa`. */
  readonly host: string;
  /** The chart Service (`service.<id>`) the traffic goes to. Default: `"main"`. */
  readonly service?: string;
  /** That Service's port, by name or number. Default: `"http"`. */
  readonly port?: string | number;
  /** The IngressClass. Default: not written (the chart's default, `traefik`). */
  readonly className?: string;
  /** How the path `/` matches. Default: not written (the chart's default, `Prefix`). */
  readonly pathType?: IngressPath["pathType"];
  /** Annotations of the Ingress, e.g. a Traefik middleware. Default: none. */
  readonly annotations?: Readonly<Record<string, string>>;
  /** The Secret holding the host's TLS certificate. Default: none (no `tls`). */
  readonly tlsSecret?: string;
}

/**
 * An Ingress (`ingress.<id>`) routing `/` of one host to a chart Service; with `tlsSecret`, TLS for
 * that host.
 *
 * @example
 * ingress: { main: hostIngress({ host: "media.example.org", tlsSecret: "media-tls" }) }
 */
export function hostIngress(options: HostIngressOptions): Ingress {
  const { host, service = "main", port = "http", className, pathType, annotations, tlsSecret } = options;
  return {
    ...(className === undefined ? {} : { className }),
    ...(annotations === undefined ? {} : { annotations: { ...annotations } }),
    hosts: [
      {
        host,
        paths: [
          {
            path: "/",
            ...(pathType === undefined ? {} : { pathType }),
            service: { identifier: service, port },
          },
        ],
      },
    ],
    ...(tlsSecret === undefined ? {} : { tls: [{ hosts: [host], secretName: tlsSecret }] }),
  };
}
