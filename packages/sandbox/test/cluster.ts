/** What the feature tests use of the shared sandbox: API clients and waiting. */
import type { CoreV1Event, KubernetesObject } from "@kubernetes/client-node";
import { AppsV1Api, BatchV1Api, CoreV1Api, KubernetesObjectApi } from "@kubernetes/client-node";
import { inject } from "vitest";
import { loadKubeConfig } from "@homelab/toolbox/kube";

export interface TestCluster {
  core: CoreV1Api;
  apps: AppsV1Api;
  batch: BatchV1Api;
  objects: KubernetesObjectApi;
  kubeconfig: string;
  auditLog: string;
  nodeName: string;
}

/** Clients for the shared sandbox, as cluster-admin. */
export function connect(): TestCluster {
  const shared = inject("sandbox");
  const kc = loadKubeConfig(shared.kubeconfig);
  return {
    core: kc.makeApiClient(CoreV1Api),
    apps: kc.makeApiClient(AppsV1Api),
    batch: kc.makeApiClient(BatchV1Api),
    objects: KubernetesObjectApi.makeApiClient(kc),
    kubeconfig: shared.kubeconfig,
    auditLog: shared.auditLog,
    nodeName: shared.nodeName,
  };
}

/** Resolves with the first value of `check` that is not undefined/false; fails with `what` after the timeout. */
export async function until<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ""}`,
      );
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Creates a namespace and waits for its `default` ServiceAccount (pods are refused before it exists). */
export async function createNamespace(
  c: TestCluster,
  name: string,
  labels: Record<string, string> = {},
): Promise<void> {
  await c.core.createNamespace({ body: { metadata: { name, labels } } });
  await until(`ServiceAccount ${name}/default`, () =>
    c.core.readNamespacedServiceAccount({ name: "default", namespace: name }),
  );
}

/** Creates objects (any kind) in order. */
export async function create(c: TestCluster, ...manifests: KubernetesObject[]): Promise<void> {
  for (const m of manifests) await c.objects.create(m);
}

/** Events about one object, oldest first. */
export async function eventsOf(
  c: TestCluster,
  namespace: string,
  kind: string,
  name: string,
): Promise<CoreV1Event[]> {
  const list = await c.core.listNamespacedEvent({
    namespace,
    fieldSelector: `involvedObject.kind=${kind},involvedObject.name=${name}`,
  });
  return list.items;
}

/** A pod template's container: a tiny image, small requests. */
export const container = (name = "app", extra: Record<string, unknown> = {}) => ({
  name,
  image: "registry.example/app:1.0",
  resources: { requests: { cpu: "10m", memory: "16Mi" } },
  ...extra,
});
