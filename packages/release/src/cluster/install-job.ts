import type {
  V1ContainerStateTerminated,
  V1ContainerStatus,
  V1Job,
  V1JobCondition,
  V1Pod,
} from "@kubernetes/client-node";
import { installJobName, installJobPodSelector } from "./helm-chart.ts";
import type { Kube } from "./kube.ts";
import { readOptional } from "./kube.ts";

/**
 * Where helm-controller's install Job of a HelmChart stands, read from what the job
 * controller and the kubelet write:
 * - `none`: no Job; `previous`: the Job is the one from before this change (its uid);
 * - `complete`: the Job's Complete condition;
 * - `failed`: its Failed condition, or FailureTarget, which the job controller sets first
 *   (Kubernetes >= 1.31) while it deletes the pods;
 * - `failing`: a pod's helm container last exited non-zero (the Job restarts it OnFailure
 *   until backoffLimit): its current `state.terminated`, or while it waits or runs again
 *   `lastState.terminated`. A first exit has only `state.terminated` (`lastState: {}`);
 *   a run that succeeded after a failure is not failing;
 * - `suspended` (helm-controller resumes it) or `running`.
 */
export type InstallJobState =
  | { phase: "none" | "previous" | "suspended" | "running" | "complete"; pods: V1Pod[] }
  | { phase: "failed"; reason: string; message: string; pods: V1Pod[] }
  | {
      phase: "failing";
      pod: V1Pod;
      container: string;
      exit: V1ContainerStateTerminated;
      restarts: number;
      pods: V1Pod[];
    };

const isTrue = (conditions: readonly V1JobCondition[], type: string) =>
  conditions.find((c) => c.type === type && c.status === "True");

/** The container's latest exit: the current one, else (waiting or running again) the last one. */
export const latestExit = (s: V1ContainerStatus): V1ContainerStateTerminated | undefined =>
  s.state?.terminated ?? s.lastState?.terminated;

/** The state of install Job `job` (undefined: none) and its pods; `previousUid` marks the old Job. */
export function installJobState(
  job: V1Job | undefined,
  pods: readonly V1Pod[],
  previousUid?: string,
): InstallJobState {
  const all = [...pods];
  if (!job) return { phase: "none", pods: all };
  if (previousUid !== undefined && job.metadata?.uid === previousUid) return { phase: "previous", pods: all };
  const conditions = job.status?.conditions ?? [];
  if (isTrue(conditions, "Complete")) return { phase: "complete", pods: all };
  const failed = isTrue(conditions, "Failed") ?? isTrue(conditions, "FailureTarget");
  if (failed)
    return { phase: "failed", reason: failed.reason ?? "", message: failed.message ?? "", pods: all };
  for (const pod of all) {
    for (const s of pod.status?.containerStatuses ?? []) {
      const exit = latestExit(s);
      if (exit && exit.exitCode !== 0)
        return { phase: "failing", pod, container: s.name, exit, restarts: s.restartCount ?? 0, pods: all };
    }
  }
  return { phase: job.spec?.suspend ? "suspended" : "running", pods: all };
}

/**
 * Reads HelmChart `chart`'s install Job in `namespace` and, unless it has completed, its pods
 * (one request when there is nothing more to know), and says where it stands. With `pods:
 * false` the pods of a Job that has not failed are not read (a crashed container is then not
 * seen): a waiter that polls the Job often reads them less often.
 */
export async function readInstallJob(
  kube: Kube,
  namespace: string,
  chart: string,
  previousUid?: string,
  options: { pods?: boolean } = {},
): Promise<InstallJobState> {
  const job = await readOptional<V1Job>(kube, {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: installJobName(chart), namespace },
  });
  const conditions = job?.status?.conditions ?? [];
  const done = !job || job.metadata?.uid === previousUid || isTrue(conditions, "Complete");
  const failed = isTrue(conditions, "Failed") ?? isTrue(conditions, "FailureTarget");
  const pods =
    done || (options.pods === false && !failed)
      ? []
      : (await kube.core.listNamespacedPod({ namespace, labelSelector: installJobPodSelector(chart) })).items;
  return installJobState(job, pods, previousUid);
}
