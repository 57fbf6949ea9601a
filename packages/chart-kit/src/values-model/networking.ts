/**
 * The networking half of the values model (library/VALUES.md): `service`, `ingress`, `route`,
 * `networkpolicies`, `serviceMonitor` and `podMonitor`. Each entry is a closed object, so a
 * misspelled key is refused with its path; Kubernetes structures the library passes through
 * (selectors, peers, rules, matches, filters, relabelings...) stay open. Every node's
 * description ends with its default, as the library templates apply it.
 */
import { Type, type Static, type TSchema } from "typebox";
import {
  closed,
  enabled,
  idMap,
  keyedMap,
  metadataFields,
  open,
  openList,
  PORT_NAME_PATTERN,
  portRef,
  stringList,
} from "./schema-builders.ts";

// ---------------------------------------------------------------------------------------- service

export const ServicePort = Type.Object(
  {
    enabled: Type.Optional(enabled("this port")),
    port: Type.Integer({
      minimum: 1,
      maximum: 65535,
      description: "The Service port. Default: none (required).",
    }),
    targetPort: Type.Optional(portRef("The container port (number or name) traffic goes to. Default: port.")),
    protocol: Type.Optional(
      Type.Enum(["TCP", "UDP", "SCTP", "HTTP", "HTTPS"], {
        description:
          "TCP, UDP, SCTP, or HTTP/HTTPS (rendered as TCP with appProtocol http/https). Default: TCP.",
        default: "TCP",
      }),
    ),
    nodePort: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 65535,
        description: "The node port (type NodePort or LoadBalancer only). Default: chosen by Kubernetes.",
      }),
    ),
    appProtocol: Type.Optional(
      Type.String({
        description: "The application protocol. Default: http for HTTP, https for HTTPS, else unset.",
      }),
    ),
    primary: Type.Optional(
      Type.Boolean({
        description: "The port used when a reference to this service names no port. Default: false.",
        default: false,
      }),
    ),
  },
  { ...closed, description: "One port of the Service, keyed by its name. Default: none." },
);
export type ServicePort = Static<typeof ServicePort>;

const trafficPolicy = (description: string) => Type.Enum(["Cluster", "Local"], { description });

export const Service = Type.Object(
  {
    enabled: Type.Optional(enabled("this Service")),
    controller: Type.Optional(
      Type.String({
        description:
          "The controller whose pods receive the traffic. Default: the only controller, else main.",
      }),
    ),
    primary: Type.Optional(
      Type.Boolean({ description: "The service other parts of the chart use first. Default: false." }),
    ),
    type: Type.Optional(
      Type.Enum(["ClusterIP", "NodePort", "LoadBalancer", "ExternalName"], {
        description: "The Service type. Default: ClusterIP.",
        default: "ClusterIP",
      }),
    ),
    ...metadataFields("Service"),
    externalName: Type.Optional(
      Type.String({
        description: "The DNS name of an ExternalName service (required for that type; tpl). Default: none.",
      }),
    ),
    externalTrafficPolicy: Type.Optional(
      trafficPolicy("NodePort/LoadBalancer: Local keeps client IPs. Default: Cluster."),
    ),
    internalTrafficPolicy: Type.Optional(
      trafficPolicy("Cluster or Local (node-local endpoints only). Default: Cluster."),
    ),
    ipFamilyPolicy: Type.Optional(
      Type.Enum(["SingleStack", "PreferDualStack", "RequireDualStack"], {
        description: "IP family policy. Default: SingleStack (set by Kubernetes).",
      }),
    ),
    ipFamilies: Type.Optional(
      Type.Array(
        Type.Enum(["IPv4", "IPv6"], {
          description: "An IP family. Default: none.",
        }),
        { description: "IP families, in order. Default: the cluster's." },
      ),
    ),
    loadBalancerIP: Type.Optional(
      Type.String({ description: "LoadBalancer: the requested address (tpl). Default: unset." }),
    ),
    loadBalancerClass: Type.Optional(
      Type.String({ description: "LoadBalancer: the load balancer class. Default: unset." }),
    ),
    loadBalancerSourceRanges: Type.Optional(
      stringList("LoadBalancer: client CIDRs allowed. Default: [] (any).", "A CIDR."),
    ),
    allocateLoadBalancerNodePorts: Type.Optional(
      Type.Boolean({
        description: "LoadBalancer: whether node ports are allocated. Default: true (set by Kubernetes).",
      }),
    ),
    clusterIP: Type.Optional(
      Type.String({ description: "The cluster IP, or None for a headless service. Default: assigned." }),
    ),
    externalIPs: Type.Optional(
      stringList("External addresses routed to the service. Default: [].", "An IP address."),
    ),
    sessionAffinity: Type.Optional(
      Type.Enum(["None", "ClientIP"], {
        description: "Session affinity. Default: None.",
      }),
    ),
    sessionAffinityConfig: Type.Optional(
      open("Session affinity settings (Kubernetes SessionAffinityConfig). Default: {}."),
    ),
    publishNotReadyAddresses: Type.Optional(
      Type.Boolean({
        description: "Whether endpoints include pods that are not ready. Default: false.",
      }),
    ),
    ports: Type.Optional(
      keyedMap(
        PORT_NAME_PATTERN,
        ServicePort,
        "Ports by name (at least one unless ExternalName or headless). Default: {}.",
      ),
    ),
  },
  { ...closed, description: "One Service. Default: none." },
);
export type Service = Static<typeof Service>;

// ---------------------------------------------------------------------------------------- ingress

/** A reference to a Service: a chart service id, or the name of a Service outside the chart. */
const serviceRef = (portDefault: string) => ({
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

// ---------------------------------------------------------------------------------------- route

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

// ---------------------------------------------------------------------------------------- network policy

export const NetworkPolicy = Type.Object(
  {
    enabled: Type.Optional(enabled("this NetworkPolicy")),
    ...metadataFields("NetworkPolicy"),
    controller: Type.Optional(
      Type.String({
        description:
          'The controller whose pods the policy applies to; "" for every pod of the release. Default: "".',
        default: "",
      }),
    ),
    podSelector: Type.Optional(
      open("A Kubernetes LabelSelector that replaces controller. Default: {} (unset)."),
    ),
    policyTypes: Type.Optional(
      Type.Array(
        Type.Enum(["Ingress", "Egress"], {
          description: "A direction. Default: none.",
        }),
        {
          description: "Directions restricted; add Egress to restrict egress. Default: [Ingress].",
          default: ["Ingress"],
        },
      ),
    ),
    preset: Type.Optional(
      Type.Enum(["isolate", "none"], {
        description:
          "isolate: ingress only from the release's pods, the ingress controller, allowFrom, and anyone " +
          "on the ports of NodePort/LoadBalancer services and hostNetwork controllers (egress, when " +
          "restricted: rules " +
          "plus DNS in kube-system); none: only the raw rules. Default: isolate.",
        default: "isolate",
      }),
    ),
    ingressController: Type.Optional(
      Type.Object(
        {
          namespaceSelector: Type.Optional(
            open(
              "The ingress controller's namespace. " +
                "Default: { matchLabels: { kubernetes.io/metadata.name: kube-system } }.",
            ),
          ),
          podSelector: Type.Optional(
            open(
              "The ingress controller's pods. Default: { matchLabels: { app.kubernetes.io/name: traefik } }.",
            ),
          ),
        },
        {
          ...closed,
          description: "The ingress controller the isolate preset lets in. Default: k3s's Traefik.",
        },
      ),
    ),
    allowFrom: Type.Optional(
      openList(
        "More peers (NetworkPolicyPeer: namespaceSelector, podSelector, ipBlock) allowed in. Default: [].",
        "A peer.",
      ),
    ),
    rules: Type.Optional(
      Type.Object(
        {
          ingress: Type.Optional(
            openList("Raw ingress rules (NetworkPolicyIngressRule), added. Default: [].", "A rule."),
          ),
          egress: Type.Optional(
            openList("Raw egress rules (NetworkPolicyEgressRule), added. Default: [].", "A rule."),
          ),
        },
        { ...closed, description: "Raw rules added to the preset's. Default: {}." },
      ),
    ),
  },
  { ...closed, description: "One NetworkPolicy. Default: none." },
);
export type NetworkPolicy = Static<typeof NetworkPolicy>;

// ---------------------------------------------------------------------------------------- monitors

const endpointFields = {
  path: Type.Optional(Type.String({ description: "The metrics path. Default: /metrics (Prometheus)." })),
  scheme: Type.Optional(Type.Enum(["http", "https"], { description: "The scheme. Default: http." })),
  interval: Type.Optional(
    Type.String({ description: "The scrape interval, e.g. 30s. Default: Prometheus's." }),
  ),
  scrapeTimeout: Type.Optional(
    Type.String({ description: "The scrape timeout, e.g. 10s. Default: Prometheus's." }),
  ),
  honorLabels: Type.Optional(
    Type.Boolean({ description: "Keep the target's labels on conflicts. Default: false." }),
  ),
  honorTimestamps: Type.Optional(
    Type.Boolean({ description: "Keep the target's timestamps. Default: true." }),
  ),
  params: Type.Optional(open("URL parameters of the scrape. Default: {}.")),
  relabelings: Type.Optional(
    openList("Relabelings before the scrape (RelabelConfig). Default: [].", "A relabeling."),
  ),
  metricRelabelings: Type.Optional(
    openList("Relabelings of the scraped samples. Default: [].", "A relabeling."),
  ),
  tlsConfig: Type.Optional(open("TLS settings of the scrape (SafeTLSConfig). Default: {}.")),
  authorization: Type.Optional(open("Authorization header settings. Default: {}.")),
  basicAuth: Type.Optional(open("Basic authentication settings. Default: {}.")),
  bearerTokenSecret: Type.Optional(open("A Secret key holding a bearer token. Default: {}.")),
  followRedirects: Type.Optional(Type.Boolean({ description: "Follow HTTP redirects. Default: true." })),
  enableHttp2: Type.Optional(Type.Boolean({ description: "Use HTTP/2. Default: true." })),
  proxyUrl: Type.Optional(Type.String({ description: "A proxy to scrape through. Default: unset." })),
  filterRunning: Type.Optional(
    Type.Boolean({ description: "Drop targets of pods that are not running. Default: true." }),
  ),
};

/** One scraped endpoint of a monitor: its port, then the settings every endpoint has. */
const scrapedEndpoint = <P extends TSchema>(port: P) =>
  Type.Object(
    { port, ...endpointFields },
    { ...closed, description: "One scraped endpoint. Default: none." },
  );

export const ServiceMonitorEndpoint = scrapedEndpoint(
  Type.Optional(
    portRef(
      "A port of the service, by name or number (rendered as its name). " +
        "Default: the service's primary or only port.",
    ),
  ),
);
export type ServiceMonitorEndpoint = Static<typeof ServiceMonitorEndpoint>;

export const ServiceMonitor = Type.Object(
  {
    enabled: Type.Optional(enabled("this ServiceMonitor (when the cluster has the CRD)", false)),
    ...metadataFields("ServiceMonitor"),
    service: Type.Optional(
      Type.Object(
        {
          identifier: Type.Optional(
            Type.String({ description: "The id of a chart service (service.<id>). Default: none." }),
          ),
        },
        {
          ...closed,
          description: "The chart service to scrape (required unless selector is given). Default: none.",
        },
      ),
    ),
    selector: Type.Optional(open("A LabelSelector of Services, replacing service. Default: {} (unset).")),
    endpoints: Type.Optional(
      Type.Array(ServiceMonitorEndpoint, {
        description: "The endpoints to scrape (at least one). Default: none (required).",
      }),
    ),
    jobLabel: Type.Optional(
      Type.String({ description: "The Service label whose value becomes the job name. Default: unset." }),
    ),
    targetLabels: Type.Optional(
      stringList("Service labels copied onto the metrics. Default: [].", "A label name."),
    ),
  },
  { ...closed, description: "One ServiceMonitor (Prometheus operator). Default: none." },
);
export type ServiceMonitor = Static<typeof ServiceMonitor>;

export const PodMonitorEndpoint = scrapedEndpoint(
  Type.String({
    minLength: 1,
    description: "The name of a container port. Default: none (required).",
  }),
);
export type PodMonitorEndpoint = Static<typeof PodMonitorEndpoint>;

export const PodMonitor = Type.Object(
  {
    enabled: Type.Optional(enabled("this PodMonitor (when the cluster has the CRD)", false)),
    ...metadataFields("PodMonitor"),
    controller: Type.Optional(
      Type.String({ description: "The controller whose pods are scraped. Default: main.", default: "main" }),
    ),
    selector: Type.Optional(open("A LabelSelector of pods, replacing controller. Default: {} (unset).")),
    endpoints: Type.Optional(
      Type.Array(PodMonitorEndpoint, {
        description:
          "The endpoints to scrape (rendered as podMetricsEndpoints; at least one). " +
          "Default: none (required).",
      }),
    ),
    jobLabel: Type.Optional(
      Type.String({ description: "The pod label whose value becomes the job name. Default: unset." }),
    ),
    podTargetLabels: Type.Optional(
      stringList("Pod labels copied onto the metrics. Default: [].", "A label name."),
    ),
  },
  { ...closed, description: "One PodMonitor (Prometheus operator). Default: none." },
);
export type PodMonitor = Static<typeof PodMonitor>;

// ---------------------------------------------------------------------------------------- maps

/** The networking keys of the top level of values, each a map of ids. */
export const NetworkingValues = Type.Object(
  {
    service: Type.Optional(
      idMap(Service, "Services by id; the main one is named after the release. Default: {}."),
    ),
    ingress: Type.Optional(idMap(Ingress, "Ingresses by id. Default: {}.")),
    route: Type.Optional(
      idMap(Route, "Gateway API routes by id (rendered when the cluster serves their API). Default: {}."),
    ),
    networkpolicies: Type.Optional(
      idMap(NetworkPolicy, "NetworkPolicies by id; main is on by default. Default: { main: {} }."),
    ),
    serviceMonitor: Type.Optional(
      idMap(ServiceMonitor, "ServiceMonitors by id (when the CRD exists). Default: {}."),
    ),
    podMonitor: Type.Optional(idMap(PodMonitor, "PodMonitors by id (when the CRD exists). Default: {}.")),
  },
  { ...closed, description: "The networking values of a chart. Default: {}." },
);
export type NetworkingValues = Static<typeof NetworkingValues>;
