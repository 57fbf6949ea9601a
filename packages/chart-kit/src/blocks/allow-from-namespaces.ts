/** A NetworkPolicy that also lets in the pods of some other namespaces. */
import type { NetworkPolicy } from "../values-model/network-policy.ts";

/**
 * A NetworkPolicy entry (`networkpolicies.<id>`) whose `allowFrom` admits every pod of the named
 * namespaces (matched by their `kubernetes.io/metadata.name` label), besides what the `isolate`
 * preset already lets in. In the homelab each service has its own namespace, named after it, so
 * the names are usually those of the client services.
 *
 * @param namespaces The namespaces let in, in this order.
 * @example
 * networkpolicies: { main: allowFromNamespaces(["prowlarr", "jellyseerr"]) }
 */
export function allowFromNamespaces(namespaces: readonly string[]): NetworkPolicy {
  return {
    allowFrom: [
      {
        namespaceSelector: {
          matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "In", values: [...namespaces] }],
        },
      },
    ],
  };
}
