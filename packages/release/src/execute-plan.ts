import { applyNamespacePlan } from "./apply/apply-namespace.ts";
import { applyServicePlan } from "./apply/apply-service.ts";
import { mapWithConcurrency } from "./apply/concurrency.ts";
import type { Kube } from "./cluster/kube.ts";
import { apiMessage } from "./cluster/kube.ts";
import type { HomelabConfig } from "./config/schema.ts";
import type { ChangeKind, Plan, ServicePlan } from "./plan/plan-release.ts";
import { serviceWrites } from "./plan/plan-writes.ts";
import { releaseInOrder, sayOrder } from "./order/release-in-order.ts";
import { applyComponentPlans } from "./components/apply-components.ts";
import { pruneHelmChart } from "./prune/prune-helmchart.ts";
import { waitForInstallJob } from "./wait/install-job.ts";
import type { ReadyOutcome } from "./wait/wait-ready.ts";
import { waitForWorkloads } from "./wait/wait-ready.ts";

/** How one service ended in a release. */
export interface ServiceResult {
  service: string;
  change: ChangeKind;
  /**
   * `installed`: written (or resumed) and, with wait "ready", running; `applied`: written,
   * not waited for (wait "none").
   */
  status: "installed" | "applied" | "unchanged" | "failed" | "skipped" | "pruned" | "kept" | "planned";
  diff: string[];
  seconds: number;
  /** Pods ready and wanted, when the release waited for them (wait "ready"). */
  pods?: { ready: number; total: number };
  reason?: string;
  logExcerpt?: string;
}

export interface ReleaseSummary {
  ok: boolean;
  dryRun: boolean;
  services: ServiceResult[];
}

/**
 * What executePlan waits for, per service: `ready` (default) until its install Job has
 * completed and its workloads run (pods ready); `install` only the install Job; `none`
 * nothing (only the writes, as the benchmark measures them).
 */
export type WaitFor = "ready" | "install" | "none";

export interface ExecuteOptions {
  dryRun?: boolean;
  /** Default: `ready`. */
  wait?: WaitFor;
  prune?: boolean;
  deleteData?: boolean;
  /** Per service, for its install Job and its pods. Default: the config's release.timeoutSeconds, else 600 s. */
  timeoutMs?: number;
  /** Default: the config's release.concurrency, else 8. */
  concurrency?: number;
  /** Progress lines ("jellyfin: install job running"). */
  onProgress?: (service: string, message: string) => void;
  /** Default: 500 ms (install Jobs) and 1000 ms (pods). */
  pollMs?: number;
}

/**
 * Carries out a plan: labels the target namespaces, applies every created or changed
 * service (bounded concurrency), waits for each service's install Job (unchanged ones too,
 * so an interrupted release resumes) and then for its pods, and prunes when asked. A
 * failing service does not stop the others; the summary says which failed and why.
 */
export async function executePlan(
  kube: Kube,
  plan: Plan,
  config: HomelabConfig,
  options: ExecuteOptions = {},
): Promise<ReleaseSummary> {
  const timeoutMs = options.timeoutMs ?? (config.release?.timeoutSeconds ?? 600) * 1000;
  const concurrency = options.concurrency ?? config.release?.concurrency ?? 8;
  const wait = options.wait ?? "ready";
  const say = options.onProgress ?? (() => undefined);
  if (options.dryRun) {
    sayOrder(plan.services, config, say);
    return {
      ok: true,
      dryRun: true,
      services: [...plan.services, ...(plan.components ?? [])].map((p) => ({
        service: p.service,
        change: p.change,
        status: "planned",
        diff: p.diff,
        seconds: 0,
      })),
    };
  }
  // Namespaces first, each once, so no pod is created before its namespace enforces its level.
  const namespaceFailures = new Map<string, string>();
  await mapWithConcurrency(plan.namespaces, concurrency, async (n) => {
    try {
      await applyNamespacePlan(kube, n);
    } catch (e) {
      namespaceFailures.set(n.name, `namespace ${n.name} could not be labelled: ${apiMessage(e)}`);
    }
  });

  // k3s's own charts (Traefik) get their values before any service is released.
  const componentResults = await applyComponentPlans(kube, plan.components ?? [], {
    timeoutMs,
    wait: wait !== "none",
    say,
    ...(options.pollMs ? { pollMs: options.pollMs } : {}),
  });
  const active = plan.services.filter((p) => p.change !== "delete");
  const results = await releaseInOrder(active, config, { concurrency, say }, (p, freeSlot) =>
    releaseService(kube, plan, p, {
      timeoutMs,
      wait,
      say,
      namespaceFailure: namespaceFailures.get(p.namespace ?? ""),
      pollMs: options.pollMs,
      freeSlot,
    }),
  );
  for (const p of plan.services.filter((x) => x.change === "delete")) {
    if (!options.prune) {
      results.push({
        service: p.service,
        change: "delete",
        status: "kept",
        diff: p.diff,
        seconds: 0,
        reason: "no longer enabled; run with --prune to uninstall it",
      });
      continue;
    }
    const started = Date.now();
    say(p.service, "pruning (helm-controller uninstalls the release)");
    const target = config.services[p.service]?.namespace ?? p.service;
    const outcome = await pruneHelmChart(kube, plan.helmChartNamespace, p.service, {
      timeoutMs,
      deleteData: options.deleteData ?? false,
      targetNamespace: target,
    });
    results.push({
      service: p.service,
      change: "delete",
      status: outcome.ok ? "pruned" : "failed",
      diff: [...p.diff, ...outcome.deletedClaims.map((c) => `deleted claim ${c}`)],
      seconds: Math.round((Date.now() - started) / 100) / 10,
      ...(outcome.reason ? { reason: outcome.reason } : {}),
    });
  }
  results.push(...componentResults);
  results.sort((a, b) => (a.service < b.service ? -1 : 1));
  return {
    ok: results.every((r) => r.status !== "failed" && r.status !== "skipped"),
    dryRun: false,
    services: results,
  };
}

interface ServiceRun {
  timeoutMs: number;
  wait: WaitFor;
  say: (service: string, message: string) => void;
  namespaceFailure: string | undefined;
  pollMs: number | undefined;
  /** Gives the service's place among `concurrency` back: called once its install Job is done. */
  freeSlot: () => void;
}

/** One service: its writes, then (per `wait`) its install Job and its pods. */
async function releaseService(
  kube: Kube,
  plan: Plan,
  p: ServicePlan,
  run: ServiceRun,
): Promise<ServiceResult> {
  const started = Date.now();
  const deadline = started + run.timeoutMs;
  const seconds = () => Math.round((Date.now() - started) / 100) / 10;
  const base = { service: p.service, change: p.change, diff: p.diff };
  const failed = (reason: string, extra: Partial<ServiceResult> = {}): ServiceResult => ({
    ...base,
    status: "failed",
    seconds: seconds(),
    reason,
    ...extra,
  });
  if (run.namespaceFailure) return failed(run.namespaceFailure);
  try {
    if (serviceWrites(p)) {
      await applyServicePlan(kube, p);
      run.say(
        p.service,
        p.change === "unchanged"
          ? "secrets updated"
          : `HelmChart ${p.change === "create" ? "created" : "updated"}`,
      );
    }
  } catch (e) {
    return failed(`apply rejected: ${apiMessage(e)}`);
  }
  const done = p.change === "unchanged" ? "unchanged" : "installed";
  if (run.wait === "none")
    return { ...base, status: p.change === "unchanged" ? "unchanged" : "applied", seconds: seconds() };
  const job = await waitForInstallJob(kube, plan.helmChartNamespace, p.service, {
    timeoutMs: run.timeoutMs,
    ...(p.change !== "unchanged" && p.previousJobUid ? { previousJobUid: p.previousJobUid } : {}),
    ...(run.pollMs ? { pollMs: run.pollMs } : {}),
    onProgress: (m) => run.say(p.service, m),
  });
  if (!job.ok) return failed(job.reason ?? "failed", job.logExcerpt ? { logExcerpt: job.logExcerpt } : {});
  if (run.wait === "install") {
    run.say(p.service, p.change === "unchanged" ? "up to date" : "installed");
    return { ...base, status: done, seconds: seconds() };
  }
  // Helm's work is done; watching pods is light, so the next service may start installing.
  run.freeSlot();
  run.say(p.service, "install job complete, waiting for the pods");
  // A cluster that cannot be read fails this service, never the release.
  const ready = await waitForWorkloads(kube, {
    namespace: p.namespace!,
    release: p.service,
    deadline,
    expected: p.workloads,
    ...(run.pollMs ? { pollMs: run.pollMs } : {}),
    onProgress: (m) => run.say(p.service, m),
  }).catch(
    (e: unknown): ReadyOutcome => ({
      ok: false,
      ready: 0,
      total: 0,
      reason: `cannot read the workloads in ${p.namespace}: ${apiMessage(e)}`,
    }),
  );
  const pods = { ready: ready.ready, total: ready.total };
  if (!ready.ok)
    return failed(ready.reason ?? "not running", {
      pods,
      ...(ready.logExcerpt ? { logExcerpt: ready.logExcerpt } : {}),
    });
  run.say(p.service, `running (${pods.ready}/${pods.total} pods ready)`);
  return { ...base, status: done, seconds: seconds(), pods };
}
