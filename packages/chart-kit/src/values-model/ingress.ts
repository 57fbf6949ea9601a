/** `ingress.<id>`: Ingresses routing hosts and paths to the chart's Services. */
import { Type, type Static } from "typebox";
import { closed, enabled, metadataFields, portRef, stringList } from "./schema-builders.ts";

/** A reference to a Service: a chart service id, or the name of a Service outside the chart. */
export const serviceRef = (portDefault: string) => ({
  identifier: Type.Optional(
    Type.String({ description: "The id of a chart service (service.<id>). Default: unset." }),
  ),
  name: Type.Optional(
    Type.String({ description: "The name of a Service outside the chart (tpl). Default: unset." }),
  ),
  port: Type.Optional(portRef(`The port, by name or number. Default: ${portDefault}`)),
});

export const IngressPath = Type.Object(
  {
    path: Type.Optional(Type.String({ description: "The path (tpl). Default: /.", default: "/" })),
    pathType: Type.Optional(
      Type.Enum(["Prefix", "Exact", "ImplementationSpecific"], {
        description: "How the path matches. Default: Prefix.",
        default: "Prefix",
      }),
    ),
    service: Type.Object(serviceRef("the chart service's primary or only port (required with name)."), {
      ...closed,
      description: "The backend: identifier (a chart service) or name, and port. Default: none (required).",
    }),
  },
  { ...closed, description: "One path of a host. Default: none." },
);
export type IngressPath = Static<typeof IngressPath>;

export const IngressHost = Type.Object(
  {
    host: Type.Optional(Type.String({ description: "The host name (tpl). Default: unset (every host)." })),
    paths: Type.Array(IngressPath, {
      description: "The host's paths (at least one). Default: none (required).",
    }),
  },
  { ...closed, description: "One host of the Ingress. Default: none." },
);
export type IngressHost = Static<typeof IngressHost>;

export const IngressTls = Type.Object(
  {
    hosts: Type.Optional(
      stringList("Hosts the certificate covers (tpl). Default: the Ingress's hosts.", "A host name."),
    ),
    secretName: Type.Optional(
      Type.String({
        description: "The Secret holding the certificate (tpl). Default: unset (the controller's default).",
      }),
    ),
  },
  { ...closed, description: "One TLS entry. Default: none." },
);
export type IngressTls = Static<typeof IngressTls>;

export const Ingress = Type.Object(
  {
    enabled: Type.Optional(enabled("this Ingress")),
    className: Type.Optional(
      Type.String({
        description: 'The IngressClass; "" for the cluster default. Default: traefik.',
        default: "traefik",
      }),
    ),
    ...metadataFields("Ingress"),
    hosts: Type.Optional(
      Type.Array(IngressHost, { description: "Hosts and their paths (at least one). Default: none." }),
    ),
    tls: Type.Optional(Type.Array(IngressTls, { description: "TLS settings. Default: [] (no TLS)." })),
  },
  { ...closed, description: "One Ingress. Default: none." },
);
export type Ingress = Static<typeof Ingress>;
