import { applyServicePlan, planWrites } from "./apply/apply-service.ts";
import { mapWithConcurrency } from "./apply/concurrency.ts";
import type { HomelabConfig } from "./config/schema.ts";
import type { Kube } from "./cluster/kube.ts";
import { apiMessage } from "./cluster/kube.ts";
import type { ChangeKind, Plan } from "./plan/plan-release.ts";
import { pruneHelmChart } from "./prune/prune-helmchart.ts";
import { waitForInstallJob } from "./wait/install-job.ts";

/** How one service ended in a release. */
export interface ServiceResult {
  service: string;
  change: ChangeKind;
  /** `applied`: written, not waited for (wait "none"). */
  status: "installed" | "applied" | "unchanged" | "failed" | "pruned" | "kept" | "planned";
  diff: string[];
  seconds: number;
  reason?: string;
  logExcerpt?: string;
}

export interface ReleaseSummary {
  ok: boolean;
  dryRun: boolean;
  services: ServiceResult[];
}

/**
 * How long executePlan waits for each service: `install` until helm-controller's install Job
 * has completed; `none` not at all (only the writes, as the benchmark measures them).
 */
export type WaitFor = "install" | "none";

export interface ExecuteOptions {
  dryRun?: boolean;
  /** Default: `install`. */
  wait?: WaitFor;
  prune?: boolean;
  deleteData?: boolean;
  /** Default: the config's release.timeoutSeconds, else 600 s. */
  timeoutMs?: number;
  /** Default: the config's release.concurrency, else 8. */
  concurrency?: number;
  /** Progress lines ("jellyfin: install job running"). */
  onProgress?: (service: string, message: string) => void;
}

/**
 * Carries out a plan: applies every created or changed service (bounded
 * concurrency), waits for each service's install Job (unchanged ones too,
 * so an interrupted release resumes), and prunes when asked. A failing
 * service does not stop the others; the summary says which failed and why.
 */
export async function executePlan(kube: Kube, plan: Plan, config: HomelabConfig, options: ExecuteOptions = {}): Promise<ReleaseSummary> {
  const timeoutMs = options.timeoutMs ?? (config.release?.timeoutSeconds ?? 600) * 1000;
  const concurrency = options.concurrency ?? config.release?.concurrency ?? 8;
  const say = options.onProgress ?? (() => undefined);
  if (options.dryRun) {
    return {
      ok: true,
      dryRun: true,
      services: plan.services.map((p) => ({ service: p.service, change: p.change, status: "planned", diff: p.diff, seconds: 0 })),
    };
  }
  const active = plan.services.filter((p) => p.change !== "delete");
  const results = await mapWithConcurrency(active, concurrency, async (p): Promise<ServiceResult> => {
    const started = Date.now();
    const seconds = () => Math.round((Date.now() - started) / 100) / 10;
    try {
      if (planWrites(p)) {
        await applyServicePlan(kube, p);
        say(p.service, p.change === "unchanged" ? "namespace and secrets updated" : `HelmChart ${p.change === "create" ? "created" : "updated"}`);
      }
    } catch (e) {
      return { service: p.service, change: p.change, status: "failed", diff: p.diff, seconds: seconds(), reason: `apply rejected: ${apiMessage(e)}` };
    }
    if (options.wait === "none") {
      return { service: p.service, change: p.change, status: p.change === "unchanged" ? "unchanged" : "applied", diff: p.diff, seconds: seconds() };
    }
    const outcome = await waitForInstallJob(kube, plan.helmChartNamespace, p.service, {
      timeoutMs,
      ...(p.change !== "unchanged" && p.previousJobUid ? { previousJobUid: p.previousJobUid } : {}),
      onProgress: (m) => say(p.service, m),
    });
    if (!outcome.ok) {
      return { service: p.service, change: p.change, status: "failed", diff: p.diff, seconds: seconds(), reason: outcome.reason ?? "failed", ...(outcome.logExcerpt ? { logExcerpt: outcome.logExcerpt } : {}) };
    }
    say(p.service, p.change === "unchanged" ? "up to date" : "installed");
    return { service: p.service, change: p.change, status: p.change === "unchanged" ? "unchanged" : "installed", diff: p.diff, seconds: seconds() };
  });
  for (const p of plan.services.filter((x) => x.change === "delete")) {
    if (!options.prune) {
      results.push({ service: p.service, change: "delete", status: "kept", diff: p.diff, seconds: 0, reason: "no longer enabled; run with --prune to uninstall it" });
      continue;
    }
    const started = Date.now();
    say(p.service, "pruning (helm-controller uninstalls the release)");
    const target = (config.services[p.service]?.namespace ?? p.service);
    const outcome = await pruneHelmChart(kube, plan.helmChartNamespace, p.service, { timeoutMs, deleteData: options.deleteData ?? false, targetNamespace: target });
    results.push({
      service: p.service,
      change: "delete",
      status: outcome.ok ? "pruned" : "failed",
      diff: [...p.diff, ...outcome.deletedClaims.map((c) => `deleted claim ${c}`)],
      seconds: Math.round((Date.now() - started) / 100) / 10,
      ...(outcome.reason ? { reason: outcome.reason } : {}),
    });
  }
  results.sort((a, b) => (a.service < b.service ? -1 : 1));
  return { ok: results.every((r) => r.status !== "failed"), dryRun: false, services: results };
}
