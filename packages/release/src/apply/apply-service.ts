import type { KubernetesObject } from "@kubernetes/client-node";
import { MANAGED_BY } from "../cluster/managed-helmcharts.ts";
import { withSecretVersionsIn } from "../plan/desired-helmchart.ts";
import type { Kube } from "../cluster/kube.ts";
import type { ServicePlan } from "../plan/plan-release.ts";
import { secretVersions } from "../plan/plan-release.ts";
import { serverSideApply } from "./server-side-apply.ts";

/**
 * Writes what one service's plan needs, in order: its secrets, then its HelmChart (its
 * namespace was written before, by applyNamespacePlan). Objects that are already as
 * desired are not written at all.
 */
export async function applyServicePlan(kube: Kube, plan: ServicePlan): Promise<void> {
  const pending = plan.secrets.filter((s) => !s.unchanged);
  const versions = secretVersions(plan.secrets);
  for (const s of pending) {
    const written = await serverSideApply(kube, {
      apiVersion: "v1",
      kind: "Secret",
      metadata: {
        name: s.name,
        namespace: s.namespace,
        labels: { "app.kubernetes.io/managed-by": MANAGED_BY },
      },
      type: s.type ?? "Opaque",
      data: s.data,
    } as KubernetesObject);
    if (written.metadata?.resourceVersion) versions[s.id] = written.metadata.resourceVersion;
  }
  if (plan.change === "create" || plan.change === "update") {
    // The pods of controllers reading a rewritten Secret get its new version, so they roll.
    const desired =
      pending.length > 0 ? withSecretVersionsIn(plan.desired!, plan.secretReaders, versions) : plan.desired!;
    await serverSideApply(kube, desired as unknown as KubernetesObject);
  }
}
