/** `route.<id>`: Gateway API routes to the chart's Services. */
import { Type, type Static } from "typebox";
import { closed, enabled, metadataFields, open, openList, stringList } from "./schema-builders.ts";
import { serviceRef } from "./ingress.ts";

export const RouteParentRef = Type.Object(
  {
    name: Type.String({ description: "The parent's name, e.g. a Gateway (tpl). Default: none (required)." }),
    namespace: Type.Optional(
      Type.String({ description: "The parent's namespace (tpl). Default: the route's namespace." }),
    ),
    sectionName: Type.Optional(
      Type.String({ description: "A listener of the parent. Default: unset (every listener)." }),
    ),
    group: Type.Optional(
      Type.String({ description: "The parent's API group. Default: gateway.networking.k8s.io." }),
    ),
    kind: Type.Optional(Type.String({ description: "The parent's kind. Default: Gateway." })),
    port: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 65535, description: "A port of the parent. Default: unset." }),
    ),
  },
  { ...closed, description: "One parent the route attaches to. Default: none." },
);
export type RouteParentRef = Static<typeof RouteParentRef>;

export const RouteBackendRef = Type.Object(
  {
    ...serviceRef("the chart service's primary or only port (a number is required with name)."),
    namespace: Type.Optional(
      Type.String({ description: "The namespace of a backend given by name (tpl). Default: unset." }),
    ),
    group: Type.Optional(
      Type.String({ description: 'The API group of a backend given by name. Default: "" (core).' }),
    ),
    kind: Type.Optional(
      Type.String({ description: "The kind of a backend given by name. Default: Service." }),
    ),
    weight: Type.Optional(
      Type.Integer({ minimum: 0, description: "The share of traffic this backend gets. Default: 1." }),
    ),
  },
  { ...closed, description: "One backend: identifier (a chart service) or name. Default: none." },
);
export type RouteBackendRef = Static<typeof RouteBackendRef>;

export const RouteRule = Type.Object(
  {
    name: Type.Optional(Type.String({ description: "The rule's name. Default: unset." })),
    backendRefs: Type.Optional(
      Type.Array(RouteBackendRef, {
        description: "Where matching traffic goes (required except for HTTPRoute). Default: [].",
      }),
    ),
    matches: Type.Optional(
      openList("HTTPRoute/GRPCRoute: match conditions, as Gateway API. Default: [].", "A match."),
    ),
    filters: Type.Optional(
      openList("HTTPRoute/GRPCRoute: filters, as Gateway API. Default: [].", "A filter."),
    ),
    timeouts: Type.Optional(open("HTTPRoute: timeouts (request, backendRequest). Default: {}.")),
  },
  { ...closed, description: "One rule of the route. Default: none." },
);
export type RouteRule = Static<typeof RouteRule>;

export const Route = Type.Object(
  {
    enabled: Type.Optional(enabled("this route")),
    kind: Type.Optional(
      Type.Enum(["HTTPRoute", "GRPCRoute", "TCPRoute", "UDPRoute", "TLSRoute"], {
        description: "The route kind. Default: HTTPRoute.",
        default: "HTTPRoute",
      }),
    ),
    forceRender: Type.Optional(
      Type.Boolean({
        description: "Render even when the cluster does not serve the route's API. Default: false.",
        default: false,
      }),
    ),
    ...metadataFields("route"),
    parentRefs: Type.Optional(
      Type.Array(RouteParentRef, {
        description: "Gateways the route attaches to (at least one). Default: none (required).",
      }),
    ),
    hostnames: Type.Optional(
      stringList("Host names (tpl; not for TCPRoute/UDPRoute). Default: [].", "A host name."),
    ),
    rules: Type.Optional(
      Type.Array(RouteRule, { description: "The route's rules (at least one). Default: none (required)." }),
    ),
  },
  { ...closed, description: "One Gateway API route. Default: none." },
);
export type Route = Static<typeof Route>;
