import type {
  V1CronJob,
  V1DaemonSet,
  V1Deployment,
  V1Job,
  V1LabelSelector,
  V1StatefulSet,
} from "@kubernetes/client-node";
import type { Kube } from "./kube.ts";

/** Where one workload of a service stands. */
export interface WorkloadState {
  /** `Deployment/jellyfin`. */
  ref: string;
  /** Pods ready now. */
  ready: number;
  /** Pods it should have (0 for CronJobs). */
  desired: number;
  /** Rolled out and ready (a CronJob: present). */
  done: boolean;
  /** A condition that says it cannot get there, e.g. `ReplicaFailure: pods "x" is forbidden: ...`. */
  failure?: { reason: string; message: string; fatal: boolean };
  /** Its pods' selector, to look at them when it is not done. */
  selector?: V1LabelSelector;
}

const observed = (generation?: number, observedGeneration?: number) =>
  (observedGeneration ?? 0) >= (generation ?? 0);

/** A Deployment is done when the controller saw its spec and every replica is updated and available. */
export function deploymentState(d: V1Deployment): WorkloadState {
  const desired = d.spec?.replicas ?? 1;
  const s = d.status ?? {};
  const conditions = s.conditions ?? [];
  const replicaFailure = conditions.find((c) => c.type === "ReplicaFailure" && c.status === "True");
  const deadline = conditions.find(
    (c) => c.type === "Progressing" && c.status === "False" && c.reason === "ProgressDeadlineExceeded",
  );
  const done =
    observed(d.metadata?.generation, s.observedGeneration) &&
    (s.updatedReplicas ?? 0) >= desired &&
    (s.availableReplicas ?? 0) >= desired &&
    (s.replicas ?? 0) <= desired;
  const failure = replicaFailure
    ? {
        reason: replicaFailure.reason ?? "ReplicaFailure",
        message: replicaFailure.message ?? "",
        fatal: /forbidden/i.test(replicaFailure.message ?? ""),
      }
    : deadline
      ? { reason: "ProgressDeadlineExceeded", message: deadline.message ?? "", fatal: true }
      : undefined;
  return {
    ref: `Deployment/${d.metadata?.name}`,
    ready: Math.min(s.readyReplicas ?? 0, desired),
    desired,
    done,
    ...(failure && !done ? { failure } : {}),
    ...(d.spec?.selector ? { selector: d.spec.selector } : {}),
  };
}

/** A StatefulSet is done when every replica is ready and (with RollingUpdate) on the update revision. */
export function statefulSetState(st: V1StatefulSet): WorkloadState {
  const desired = st.spec?.replicas ?? 1;
  const s = st.status ?? { replicas: 0 };
  const rolling =
    (st.spec?.updateStrategy?.type ?? "RollingUpdate") === "RollingUpdate" &&
    !st.spec?.updateStrategy?.rollingUpdate?.partition;
  const done =
    observed(st.metadata?.generation, s.observedGeneration) &&
    (s.readyReplicas ?? 0) >= desired &&
    (!rolling ||
      (s.updatedReplicas ?? 0) >= desired ||
      (s.updateRevision !== undefined && s.updateRevision === s.currentRevision));
  return {
    ref: `StatefulSet/${st.metadata?.name}`,
    ready: Math.min(s.readyReplicas ?? 0, desired),
    desired,
    done,
    ...(st.spec?.selector ? { selector: st.spec.selector } : {}),
  };
}

/** A DaemonSet is done when it is scheduled on every node it should be, updated there and ready. */
export function daemonSetState(ds: V1DaemonSet): WorkloadState {
  const s = ds.status ?? {
    currentNumberScheduled: 0,
    desiredNumberScheduled: 0,
    numberMisscheduled: 0,
    numberReady: 0,
  };
  const desired = s.desiredNumberScheduled;
  const done =
    observed(ds.metadata?.generation, s.observedGeneration) &&
    s.currentNumberScheduled >= desired &&
    (s.updatedNumberScheduled ?? 0) >= desired &&
    s.numberReady >= desired;
  return {
    ref: `DaemonSet/${ds.metadata?.name}`,
    ready: Math.min(s.numberReady, desired),
    desired,
    done,
    ...(ds.spec?.selector ? { selector: ds.spec.selector } : {}),
  };
}

/** A CronJob is done when it exists: its pods start on its schedule, not at release time. */
export function cronJobState(cj: V1CronJob): WorkloadState {
  return { ref: `CronJob/${cj.metadata?.name}`, ready: 0, desired: 0, done: true };
}

/**
 * A Job (a chart's one-off task) counts once created; one that has failed fails the service:
 * its Failed condition, or FailureTarget, which the job controller sets first (Kubernetes >=
 * 1.31) while it still deletes the pods.
 */
export function jobState(job: V1Job): WorkloadState {
  const conditions = job.status?.conditions ?? [];
  const isTrue = (type: string) => conditions.find((c) => c.type === type && c.status === "True");
  const failed = isTrue("Failed") ?? isTrue("FailureTarget");
  return {
    ref: `Job/${job.metadata?.name}`,
    ready: 0,
    desired: 0,
    done: !failed,
    ...(failed
      ? { failure: { reason: failed.reason ?? "Failed", message: failed.message ?? "", fatal: true } }
      : {}),
    ...(job.spec?.selector ? { selector: job.spec.selector } : {}),
  };
}

/** `app=x,tier=y` from a selector's matchLabels (matchExpressions are not used by the charts). */
export const selectorText = (selector: V1LabelSelector) =>
  Object.entries(selector.matchLabels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(",");

/** The kinds of workload a release's chart can render. */
export const WORKLOAD_KINDS = ["Deployment", "StatefulSet", "DaemonSet", "CronJob", "Job"] as const;
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

/**
 * The workloads of `kinds` (default: all) in `namespace` that carry `labelSelector` (a release's
 * label), each with its state, sorted by ref. Jobs a CronJob started are the CronJob's business,
 * not the release's.
 */
export async function readWorkloadStates(
  kube: Kube,
  namespace: string,
  labelSelector: string,
  kinds: ReadonlySet<WorkloadKind> = new Set(WORKLOAD_KINDS),
): Promise<WorkloadState[]> {
  const list = <T>(kind: WorkloadKind, read: () => Promise<{ items: T[] }>) =>
    kinds.has(kind) ? read().then((l) => l.items) : Promise.resolve([] as T[]);
  const [deployments, statefulSets, daemonSets, cronJobs, jobs] = await Promise.all([
    list("Deployment", () => kube.apps.listNamespacedDeployment({ namespace, labelSelector })),
    list("StatefulSet", () => kube.apps.listNamespacedStatefulSet({ namespace, labelSelector })),
    list("DaemonSet", () => kube.apps.listNamespacedDaemonSet({ namespace, labelSelector })),
    list("CronJob", () => kube.batch.listNamespacedCronJob({ namespace, labelSelector })),
    list("Job", () => kube.batch.listNamespacedJob({ namespace, labelSelector })),
  ]);
  return [
    ...deployments.map(deploymentState),
    ...statefulSets.map(statefulSetState),
    ...daemonSets.map(daemonSetState),
    ...cronJobs.map(cronJobState),
    ...jobs.filter((j) => !j.metadata?.ownerReferences?.some((o) => o.kind === "CronJob")).map(jobState),
  ].sort((a, b) => (a.ref < b.ref ? -1 : 1));
}
