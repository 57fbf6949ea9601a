/**
 * The networking half of the values model (library/VALUES.md): `service`, `ingress`, `route`,
 * `networkpolicies`, `serviceMonitor` and `podMonitor`. Each entry is a closed object, so a
 * misspelled key is refused with its path; Kubernetes structures the library passes through
 * (selectors, peers, rules, matches, filters, relabelings...) stay open. Every node's
 * description ends with its default, as the library templates apply it. Each kind has its own
 * file (service.ts, ingress.ts, route.ts, network-policy.ts, monitor.ts); this one composes them.
 */
import { Type, type Static } from "typebox";
import { closed, idMap } from "./schema-builders.ts";
import { Ingress } from "./ingress.ts";
import { PodMonitor, ServiceMonitor } from "./monitor.ts";
import { NetworkPolicy } from "./network-policy.ts";
import { Route } from "./route.ts";
import { Service } from "./service.ts";

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
