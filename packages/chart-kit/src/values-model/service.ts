/** `service.<id>`: the Services of the chart and their ports. */
import { Type, type Static } from "typebox";
import {
  closed,
  enabled,
  keyedMap,
  metadataFields,
  open,
  PORT_NAME_PATTERN,
  portRef,
  stringList,
} from "./schema-builders.ts";

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
