import { ApiException } from "@kubernetes/client-node";
import type { Kube } from "./kube.ts";

/**
 * The cluster a first install would make, for a dry run's plan: empty. Every object read
 * is 404 and every list empty, so the plan shows each service, namespace and Secret as one
 * to create; anything else (a write, a watch) is refused, as a dry run never writes.
 */
export function absentCluster(): Kube {
  const refuse = (what: string) => () =>
    Promise.reject(new Error(`the cluster does not exist yet (a dry run of a first install): ${what}`));
  const api = (name: string) =>
    new Proxy({}, { get: (_, method) => refuse(`${name}.${String(method)}`) }) as never;
  const objects = new Proxy(
    {
      read: () => Promise.reject(new ApiException(404, "not found: the cluster does not exist yet", {}, {})),
      list: () => Promise.resolve({ items: [] }),
    },
    {
      get: (target, method) =>
        (target as Record<string | symbol, unknown>)[method] ?? refuse(`objects.${String(method)}`),
    },
  ) as never;
  return {
    kubeconfig: "(none: the cluster does not exist yet)",
    objects,
    core: api("core"),
    apps: api("apps"),
    batch: api("batch"),
    coordination: api("coordination"),
  };
}
