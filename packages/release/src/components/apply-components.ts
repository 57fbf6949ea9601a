import type { KubernetesObject } from "@kubernetes/client-node";
import { serverSideApply } from "../apply/server-side-apply.ts";
import type { Kube } from "../cluster/kube.ts";
import { apiMessage, statusOf } from "../cluster/kube.ts";
import type { ServiceResult } from "../execute-plan.ts";
import { waitForInstallJob } from "../wait/install-job.ts";
import type { ComponentPlan } from "./plan-components.ts";
import { K3S_CHART_NAMESPACE } from "./plan-components.ts";

export interface ComponentRun {
  timeoutMs: number;
  /** Wait for k3s's HelmChart to be re-installed with the new values (when it exists). */
  wait: boolean;
  say: (service: string, message: string) => void;
  pollMs?: number;
}

/**
 * Carries out the components' plans, before any service: writes (server-side apply) or
 * deletes each changed HelmChartConfig, and waits for helm-controller to re-install k3s's
 * chart with it when that chart exists. Unchanged ones are not written at all.
 */
export async function applyComponentPlans(
  kube: Kube,
  plans: readonly ComponentPlan[],
  run: ComponentRun,
): Promise<ServiceResult[]> {
  return Promise.all(plans.map((p) => applyComponent(kube, p, run)));
}

async function applyComponent(kube: Kube, p: ComponentPlan, run: ComponentRun): Promise<ServiceResult> {
  const started = Date.now();
  const seconds = () => Math.round((Date.now() - started) / 100) / 10;
  const base = { service: p.service, change: p.change, diff: p.diff };
  if (p.change === "unchanged") return { ...base, status: "unchanged", seconds: 0 };
  try {
    if (p.change === "delete") {
      await kube.objects
        .delete({
          apiVersion: "helm.cattle.io/v1",
          kind: "HelmChartConfig",
          metadata: { name: p.component, namespace: K3S_CHART_NAMESPACE },
        } as never)
        .catch((e: unknown) => {
          if (statusOf(e) !== 404) throw e;
        });
      run.say(p.service, "HelmChartConfig deleted (k3s's own values apply again)");
    } else {
      await serverSideApply(kube, p.desired! as unknown as KubernetesObject);
      run.say(p.service, `HelmChartConfig ${p.change === "create" ? "created" : "updated"}`);
    }
  } catch (e) {
    return {
      ...base,
      status: "failed",
      seconds: seconds(),
      reason: `HelmChartConfig ${p.change} rejected: ${apiMessage(e)}`,
    };
  }
  if (!p.helmChartExists || !run.wait) {
    return {
      ...base,
      status: "applied",
      seconds: seconds(),
      ...(p.helmChartExists
        ? {}
        : {
            reason: `no HelmChart ${K3S_CHART_NAMESPACE}/${p.component} in the cluster: helm-controller uses these values when k3s creates it`,
          }),
    };
  }
  const job = await waitForInstallJob(kube, K3S_CHART_NAMESPACE, p.component, {
    timeoutMs: run.timeoutMs,
    ...(p.previousJobUid ? { previousJobUid: p.previousJobUid } : {}),
    ...(run.pollMs ? { pollMs: run.pollMs } : {}),
    onProgress: (m) => run.say(p.service, m),
  });
  if (!job.ok)
    return {
      ...base,
      status: "failed",
      seconds: seconds(),
      reason: job.reason ?? "failed",
      ...(job.logExcerpt ? { logExcerpt: job.logExcerpt } : {}),
    };
  run.say(p.service, "k3s's chart re-installed with the new values");
  return { ...base, status: "installed", seconds: seconds() };
}
