import { helmChartRef } from "../cluster/helm-chart.ts";
import type { Kube } from "../cluster/kube.ts";
import { apiMessage, readOptional, statusOf } from "../cluster/kube.ts";
import { RELEASE_LABEL } from "../plan/chart-values.ts";

export interface PruneOptions {
  timeoutMs: number;
  /** Also delete the release's PersistentVolumeClaims (its data). Default: false, data is kept. */
  deleteData?: boolean;
  /** The release's target namespace (for --delete-data). */
  targetNamespace?: string;
}

export interface PruneOutcome {
  ok: boolean;
  reason?: string;
  deletedClaims: string[];
}

/**
 * Deletes a managed HelmChart; helm-controller uninstalls the release (its
 * finalizer runs a delete Job) and then lets the HelmChart go. Claims marked
 * `helm.sh/resource-policy: keep` survive unless deleteData is set.
 */
export async function pruneHelmChart(
  kube: Kube,
  namespace: string,
  name: string,
  options: PruneOptions,
): Promise<PruneOutcome> {
  const header = helmChartRef(name, namespace);
  try {
    await kube.objects.delete(header as never);
  } catch (e) {
    if (statusOf(e) !== 404)
      return { ok: false, reason: `delete failed: ${apiMessage(e)}`, deletedClaims: [] };
  }
  const deadline = Date.now() + options.timeoutMs;
  while ((await readOptional(kube, header)) !== undefined) {
    if (Date.now() > deadline)
      return {
        ok: false,
        reason: `timed out after ${Math.round(options.timeoutMs / 1000)} s waiting for helm-controller to uninstall ${name}`,
        deletedClaims: [],
      };
    await new Promise((r) => setTimeout(r, 500));
  }
  const deletedClaims: string[] = [];
  if (options.deleteData && options.targetNamespace) {
    const claims = await kube.core.listNamespacedPersistentVolumeClaim({
      namespace: options.targetNamespace,
      labelSelector: `${RELEASE_LABEL}=${name}`,
    });
    for (const c of claims.items) {
      await kube.core.deleteNamespacedPersistentVolumeClaim({
        name: c.metadata!.name!,
        namespace: options.targetNamespace,
      });
      deletedClaims.push(c.metadata!.name!);
    }
  }
  return { ok: true, deletedClaims };
}
