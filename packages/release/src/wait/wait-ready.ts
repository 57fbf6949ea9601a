import type { CoreV1Event, V1PersistentVolumeClaim, V1Pod } from "@kubernetes/client-node";
import type { Kube } from "../cluster/kube.ts";
import type { PodCause } from "../cluster/pod-causes.ts";
import { mainCause, podCauses, workloadEventCauses } from "../cluster/pod-causes.ts";
import { lastLogLines } from "../cluster/pod-log.ts";
import type { WorkloadKind, WorkloadState } from "../cluster/workload-state.ts";
import { readWorkloadStates, selectorText, WORKLOAD_KINDS } from "../cluster/workload-state.ts";
import { RELEASE_LABEL } from "../plan/chart-values.ts";

export interface ReadyOptions {
  /** The service's target namespace. */
  namespace: string;
  /** The helm release (= HelmChart) name. */
  release: string;
  /** Epoch ms after which the wait fails with the cause seen last. */
  deadline: number;
  /** Workloads the chart renders (`Deployment/x`): waited for until they exist. Default: none. */
  expected?: readonly string[];
  /** Default: 1000 ms. */
  pollMs?: number;
  /** Called when the state seen changes: `1/2 pods ready (pod x: Unschedulable: ...)`. */
  onProgress?: (state: string) => void;
}

/** How waiting for a service's workloads ended. */
export interface ReadyOutcome {
  ok: boolean;
  /** Pods ready / pods wanted, over its Deployments, StatefulSets and DaemonSets. */
  ready: number;
  total: number;
  /** Why it is not running, from the workloads' conditions, the pods and the events. */
  reason?: string;
  /** A crashing container's last log lines. */
  logExcerpt?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** How often the pods, events and claims of a service that is not ready yet are read. */
const DIAGNOSE_EVERY_MS = 3000;

/**
 * The kinds to list: those the chart renders, or all when that is not known (then a chart's
 * own Jobs are looked at too; a Job may be gone after it finished, so it is never expected).
 */
function kindsOf(expected: readonly string[] | undefined): Set<WorkloadKind> {
  if (!expected?.length) return new Set(WORKLOAD_KINDS);
  return new Set(WORKLOAD_KINDS.filter((k) => expected.some((ref) => ref.startsWith(`${k}/`))));
}

/**
 * Waits until every workload of a release is running: Deployments available with every
 * replica updated, StatefulSets ready, DaemonSets scheduled and ready, CronJobs and Jobs
 * present. Fails at once on a cause that will not go away (admission refused the pods, a
 * crash loop, an image that cannot be pulled), and at the deadline naming the cause seen
 * last (a pod the scheduler cannot place, a claim that stays Pending, a probe failing).
 */
export async function waitForWorkloads(kube: Kube, options: ReadyOptions): Promise<ReadyOutcome> {
  const { namespace } = options;
  const kinds = kindsOf(options.expected);
  let last = "";
  // Pods, events and claims are read only for a service still not ready after a while, and
  // then not on every poll: most services are ready within seconds, and fifty waiting at once
  // must not load the apiserver.
  let diagnosedAt = Date.now();
  let cause: PodCause | undefined;
  for (;;) {
    const states = await readWorkloadStates(kube, namespace, `${RELEASE_LABEL}=${options.release}`, kinds);
    const missing = (options.expected ?? []).filter((ref) => !states.some((s) => s.ref === ref));
    const ready = states.reduce((n, s) => n + s.ready, 0);
    const total = states.reduce((n, s) => n + s.desired, 0);
    const pending = states.filter((s) => !s.done);
    if (pending.length === 0 && missing.length === 0) {
      report(`${ready}/${total} pods ready`);
      return { ok: true, ready, total };
    }
    const late = Date.now() > options.deadline;
    const refused = conditionCause(pending);
    if (refused) cause = refused;
    else if (late || Date.now() - diagnosedAt >= DIAGNOSE_EVERY_MS) {
      cause = await diagnose(kube, namespace, pending, missing);
      diagnosedAt = Date.now();
    }
    report(`${ready}/${total} pods ready${cause ? ` (${cause.text})` : ""}`);
    if (cause?.fatal || late) {
      const logExcerpt = cause?.logOf ? await logOf(kube, namespace, cause.logOf) : undefined;
      const reason = cause?.fatal
        ? cause.text
        : `timed out with ${ready}/${total} pods ready: ${cause?.text ?? "waiting for the workloads"}`;
      return { ok: false, ready, total, reason, ...(logExcerpt ? { logExcerpt } : {}) };
    }
    await sleep(options.pollMs ?? 1000);
  }

  function report(state: string) {
    if (state !== last) options.onProgress?.(state);
    last = state;
  }
}

/** A workload condition that says its pods will not come (admission refused them): no API call needed. */
function conditionCause(pending: readonly WorkloadState[]): PodCause | undefined {
  const failed = pending.find((s) => s.failure?.fatal);
  if (!failed?.failure) return undefined;
  return {
    reason: failed.failure.reason,
    text: `${failed.ref}: ${failed.failure.reason}: ${failed.failure.message}`,
    fatal: true,
  };
}

/** The main reason the pending workloads are not done. */
async function diagnose(
  kube: Kube,
  namespace: string,
  pending: readonly WorkloadState[],
  missing: readonly string[],
): Promise<PodCause | undefined> {
  const conditionFailure = pending.find((s) => s.failure);
  const [events, claims, pods] = await Promise.all([
    kube.core.listNamespacedEvent({ namespace }).then((l) => l.items as CoreV1Event[]),
    kube.core
      .listNamespacedPersistentVolumeClaim({ namespace })
      .then((l) => l.items as V1PersistentVolumeClaim[]),
    Promise.all(
      pending
        .filter((s) => s.selector)
        .map((s) =>
          kube.core
            .listNamespacedPod({ namespace, labelSelector: selectorText(s.selector!) })
            .then((l) => l.items as V1Pod[]),
        ),
    ).then((lists) => lists.flat()),
  ]);
  const owners = pending.map((s) => s.ref.split("/")[1]!);
  const causes = [...workloadEventCauses(owners, events), ...podCauses(pods, events, claims)];
  if (conditionFailure?.failure)
    causes.push({
      reason: conditionFailure.failure.reason,
      text: `${conditionFailure.ref}: ${conditionFailure.failure.message}`,
      fatal: false,
    });
  if (missing.length)
    causes.push({ reason: "NotCreated", text: `${missing.join(", ")} not created yet`, fatal: false });
  return mainCause(causes);
}

async function logOf(
  kube: Kube,
  namespace: string,
  of: { pod: string; container: string },
): Promise<string | undefined> {
  try {
    const pod = await kube.core.readNamespacedPod({ name: of.pod, namespace });
    return await lastLogLines(kube, pod, of.container);
  } catch {
    return undefined;
  }
}
