import type { Kube } from "../cluster/kube.ts";
import { MANAGED_BY } from "../cluster/managed-helmcharts.ts";
import type { NamespacePlan } from "../plan/plan-release.ts";
import { serverSideApply } from "./server-side-apply.ts";

/**
 * Labels a target namespace with the Pod Security level its services need (creating it,
 * marked managed, when it does not exist). Nothing is written when the labels are right.
 */
export async function applyNamespacePlan(kube: Kube, plan: NamespacePlan): Promise<void> {
  if (Object.keys(plan.labels).length === 0) return;
  const labels = plan.exists ? plan.labels : { ...plan.labels, "app.kubernetes.io/managed-by": MANAGED_BY };
  await serverSideApply(kube, { apiVersion: "v1", kind: "Namespace", metadata: { name: plan.name, labels } });
}
