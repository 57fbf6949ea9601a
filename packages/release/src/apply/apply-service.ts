import { PatchStrategy } from "@kubernetes/client-node";
import type { KubernetesObject } from "@kubernetes/client-node";
import { FIELD_MANAGER, MANAGED_BY, withSecretVersionsIn } from "../plan/desired-helmchart.ts";
import type { Kube } from "../cluster/kube.ts";
import type { ServicePlan } from "../plan/plan-release.ts";
import { secretVersions } from "../plan/plan-release.ts";

/** Server-side apply with this tool's field manager; conflicts with other managers fail (no force). */
export async function serverSideApply<T extends KubernetesObject>(kube: Kube, object: T): Promise<T> {
  return kube.objects.patch(object, undefined, undefined, FIELD_MANAGER, false, PatchStrategy.ServerSideApply);
}

/** True when a service's plan writes anything. */
export const planWrites = (plan: ServicePlan) =>
  plan.change === "create" || plan.change === "update" || plan.secrets.some((s) => !s.unchanged) || Object.keys(plan.namespaceLabels).length > 0;

/**
 * Writes what one service's plan needs, in order: its namespace labelled with
 * the Pod Security level its chart needs, its secrets, then its HelmChart.
 * Objects that are already as desired are not written at all.
 */
export async function applyServicePlan(kube: Kube, plan: ServicePlan): Promise<void> {
  const target = plan.desired!.spec.targetNamespace;
  const pending = plan.secrets.filter((s) => !s.unchanged);
  if (Object.keys(plan.namespaceLabels).length > 0) {
    const labels = plan.namespaceExists ? plan.namespaceLabels : { ...plan.namespaceLabels, "app.kubernetes.io/managed-by": MANAGED_BY };
    await serverSideApply(kube, { apiVersion: "v1", kind: "Namespace", metadata: { name: target, labels } });
  }
  const versions = secretVersions(plan.secrets);
  for (const s of pending) {
    const written = await serverSideApply(kube, {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: s.name, namespace: s.namespace, labels: { "app.kubernetes.io/managed-by": MANAGED_BY } },
      type: "Opaque",
      data: s.data,
    } as KubernetesObject);
    if (written.metadata?.resourceVersion) versions[s.id] = written.metadata.resourceVersion;
  }
  if (plan.change === "create" || plan.change === "update") {
    // The pods of controllers reading a rewritten Secret get its new version, so they roll.
    const desired = pending.length > 0 ? withSecretVersionsIn(plan.desired!, plan.secretReaders, versions) : plan.desired!;
    await serverSideApply(kube, desired as unknown as KubernetesObject);
  }
}

/** Runs `task` over `items` with at most `limit` at once; results in input order. */
export async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
