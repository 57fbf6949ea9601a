import type { KubernetesObject } from "@kubernetes/client-node";
import { MANAGED_BY, withSecretVersionsIn } from "../plan/desired-helmchart.ts";
import type { Kube } from "../cluster/kube.ts";
import type { ServicePlan } from "../plan/plan-release.ts";
import { secretVersions } from "../plan/plan-release.ts";
import { serverSideApply } from "./server-side-apply.ts";

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
      type: s.type ?? "Opaque",
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

