import { ClusterUnreachableError } from "../errors.ts";
import type { HelmChart } from "./helm-chart.ts";
import type { Kube } from "./kube.ts";
import { apiMessage, statusOf } from "./kube.ts";

/** Label value marking the objects this tool manages (app.kubernetes.io/managed-by). */
export const MANAGED_BY = "homelab-release";
export const MANAGED_SELECTOR = `app.kubernetes.io/managed-by=${MANAGED_BY}`;

/**
 * The HelmCharts this tool manages in `namespace` (label app.kubernetes.io/managed-by), by
 * name. A cluster without helm-controller's CRD, or one that refuses the read, is a
 * ClusterUnreachableError that says what to do.
 */
export async function listManagedHelmCharts(kube: Kube, namespace: string): Promise<Map<string, HelmChart>> {
  try {
    const listed = (await kube.objects.list(
      "helm.cattle.io/v1",
      "HelmChart",
      namespace,
      undefined,
      undefined,
      undefined,
      undefined,
      MANAGED_SELECTOR,
    )) as unknown as { items: HelmChart[] };
    return new Map(listed.items.map((h) => [h.metadata.name, h]));
  } catch (e) {
    if (statusOf(e) === 404) {
      throw new ClusterUnreachableError(
        "the cluster does not serve helm.cattle.io/v1 HelmChart",
        "release into k3s (its helm-controller serves the HelmChart CRD), or install k3s-io/helm-controller in the cluster",
      );
    }
    throw new ClusterUnreachableError(
      `cannot read HelmCharts in ${namespace}: ${apiMessage(e)}`,
      "check that the kubeconfig points at the cluster and its user may read helm.cattle.io HelmCharts",
      e,
    );
  }
}
