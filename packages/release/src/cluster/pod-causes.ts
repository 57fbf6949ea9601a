import type { CoreV1Event, V1PersistentVolumeClaim, V1Pod } from "@kubernetes/client-node";

/** Why pods of a workload are not ready, read from their status, their claims and events. */
export interface PodCause {
  /** e.g. `Unschedulable`, `CrashLoopBackOff`, `FailedCreate`, `ClaimPending`. */
  reason: string;
  /** One line: the pod (or workload) and the cluster's own message. */
  text: string;
  /** True when waiting longer will not help: the release fails the service now. */
  fatal: boolean;
  /** For CrashLoopBackOff: the pod and container whose last log lines explain it. */
  logOf?: { pod: string; container: string };
}

/** Container waiting reasons that do not go away by themselves. */
const STUCK_WAITING = new Set([
  "CrashLoopBackOff",
  "ImagePullBackOff",
  "InvalidImageName",
  "CreateContainerConfigError",
  "CreateContainerError",
  "RunContainerError",
]);

/** Claim events that only say it waits for its pod: not a cause of its own. */
const WAITING_CLAIM = new Set(["WaitForFirstConsumer", "WaitForPodScheduled"]);

const latest = (events: readonly CoreV1Event[]) => [...events].sort((a, b) => time(b) - time(a))[0];
const time = (e: CoreV1Event) => new Date(e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? 0).getTime();
const oneLine = (s: string) => s.replace(/\s*\n\s*/g, " ").trim();

/**
 * Causes from the workload's own events: `FailedCreate` (the controller could not create a
 * pod: admission refused it, a quota, ...) is fatal when the apiserver said forbidden.
 */
export function workloadEventCauses(
  ownerNames: readonly string[],
  events: readonly CoreV1Event[],
): PodCause[] {
  const failed = events.filter(
    (e) =>
      e.reason === "FailedCreate" &&
      ownerNames.some((n) => e.involvedObject.name === n || e.involvedObject.name?.startsWith(`${n}-`)),
  );
  const last = latest(failed);
  if (!last) return [];
  return [
    {
      reason: "FailedCreate",
      text: `${last.involvedObject.kind}/${last.involvedObject.name}: ${oneLine(last.message ?? "")}`,
      fatal: /forbidden/i.test(last.message ?? ""),
    },
  ];
}

/** Causes from each pod that is not ready: scheduling, claims, containers, probes. */
export function podCauses(
  pods: readonly V1Pod[],
  events: readonly CoreV1Event[],
  claims: readonly V1PersistentVolumeClaim[],
): PodCause[] {
  const causes: PodCause[] = [];
  for (const pod of pods) {
    const name = pod.metadata?.name ?? "?";
    if (pod.metadata?.deletionTimestamp) continue;
    const conditions = pod.status?.conditions ?? [];
    if (conditions.some((c) => c.type === "Ready" && c.status === "True")) continue;
    const podEvents = events.filter((e) => e.involvedObject.kind === "Pod" && e.involvedObject.name === name);

    // A claim is named when it is the problem (no class, provisioning failed); one that only
    // waits for its pod to be scheduled (WaitForFirstConsumer) is a consequence, not the cause.
    const claimCauses: PodCause[] = [];
    for (const claimName of (pod.spec?.volumes ?? [])
      .map((v) => v.persistentVolumeClaim?.claimName)
      .filter((c): c is string => Boolean(c))) {
      const claim = claims.find((c) => c.metadata?.name === claimName);
      if (claim && claim.status?.phase !== "Bound") {
        const claimEvent = latest(
          events.filter(
            (e) => e.involvedObject.kind === "PersistentVolumeClaim" && e.involvedObject.name === claimName,
          ),
        );
        if (claimEvent && WAITING_CLAIM.has(claimEvent.reason ?? "")) continue;
        const why = claimEvent ? `: ${claimEvent.reason}: ${oneLine(claimEvent.message ?? "")}` : "";
        claimCauses.push({
          reason: "ClaimPending",
          text: `pod ${name}: claim ${claimName} is ${claim.status?.phase ?? "Pending"} (${storageClassOf(claim)})${why}`,
          fatal: false,
        });
      } else if (!claim) {
        claimCauses.push({
          reason: "ClaimMissing",
          text: `pod ${name}: claim ${claimName} does not exist`,
          fatal: false,
        });
      }
    }
    causes.push(...claimCauses);

    const scheduled = conditions.find((c) => c.type === "PodScheduled");
    if (scheduled?.status === "False") {
      const failedScheduling = latest(podEvents.filter((e) => e.reason === "FailedScheduling"));
      const message = scheduled.message || failedScheduling?.message || "not scheduled yet";
      causes.push({
        reason: scheduled.reason ?? "Unschedulable",
        text: `pod ${name}: ${scheduled.reason ?? "Unschedulable"}: ${oneLine(message)}`,
        fatal: false,
      });
      continue;
    }

    // The kubelet ended the pod itself (Evicted, ...): that is the cause, not its killed containers.
    if (pod.status?.phase === "Failed" && pod.status.reason) {
      causes.push({
        reason: pod.status.reason,
        text: `pod ${name}: ${pod.status.reason}${pod.status.message ? `: ${oneLine(pod.status.message)}` : ""}`,
        fatal: false,
      });
      continue;
    }

    const before = causes.length;
    for (const status of [
      ...(pod.status?.initContainerStatuses ?? []),
      ...(pod.status?.containerStatuses ?? []),
    ]) {
      const waiting = status.state?.waiting;
      const terminated = status.state?.terminated ?? status.lastState?.terminated;
      const exited = status.state?.terminated;
      if (exited && exited.exitCode !== 0 && pod.spec?.restartPolicy !== "Never") {
        // A first exit: `state.terminated` with `lastState: {}`; the kubelet restarts it.
        causes.push({
          reason: exited.reason ?? "Error",
          text: `pod ${name} container ${status.name}: exited with code ${exited.exitCode} (${exited.reason ?? "Error"}), ${status.restartCount} restarts`,
          fatal: false,
          logOf: { pod: name, container: status.name },
        });
      } else if (
        waiting?.reason &&
        waiting.reason !== "ContainerCreating" &&
        waiting.reason !== "PodInitializing"
      ) {
        const exit =
          waiting.reason === "CrashLoopBackOff" && terminated
            ? ` (exit code ${terminated.exitCode}${terminated.reason ? `, ${terminated.reason}` : ""}, ${status.restartCount} restarts)`
            : "";
        causes.push({
          reason: waiting.reason,
          text: `pod ${name} container ${status.name}: ${waiting.reason}${exit}${waiting.message ? `: ${oneLine(waiting.message)}` : ""}`,
          fatal: STUCK_WAITING.has(waiting.reason),
          ...(waiting.reason === "CrashLoopBackOff" ? { logOf: { pod: name, container: status.name } } : {}),
        });
      } else if (status.state?.running && !status.ready) {
        const unhealthy = latest(podEvents.filter((e) => e.reason === "Unhealthy"));
        causes.push({
          reason: "NotReady",
          text: `pod ${name} container ${status.name}: running, not ready${unhealthy ? `: ${oneLine(unhealthy.message ?? "")}` : ""}`,
          fatal: false,
        });
      }
    }
    if (causes.length > before) continue;
    if (pod.status?.phase === "Failed") {
      const exit = (pod.status.containerStatuses ?? []).map((c) => c.state?.terminated).find((t) => t);
      const code = exit ? ` (exit code ${exit.exitCode}${exit.reason ? `, ${exit.reason}` : ""})` : "";
      const message = pod.status.message ? `: ${oneLine(pod.status.message)}` : "";
      causes.push({ reason: "Failed", text: `pod ${name}: Failed${code}${message}`, fatal: false });
      continue;
    }
    // Not ready though its containers say they are: the node stopped reporting (the node
    // lifecycle controller set the pod's Ready False and recorded NodeNotReady on it).
    const notReady = latest(podEvents.filter((e) => e.reason === "NodeNotReady"));
    if (notReady) {
      causes.push({
        reason: "NodeNotReady",
        text: `pod ${name}: node ${pod.spec?.nodeName ?? "?"} is not ready: ${oneLine(notReady.message ?? "")}`,
        fatal: false,
      });
    }
  }
  return causes;
}

/** `storage class local-path`, `no storage class` (`""`), or `the default storage class` (unset). */
function storageClassOf(claim: V1PersistentVolumeClaim): string {
  const name = claim.spec?.storageClassName;
  return name === undefined
    ? "the default storage class"
    : name === ""
      ? "no storage class"
      : `storage class ${name}`;
}

/** A pod's restarts: its containers' and its init containers' (native sidecars restart too). */
export const podRestarts = (pod: V1Pod) =>
  [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].reduce(
    (n, c) => n + (c.restartCount ?? 0),
    0,
  );

/** The cause to name first: a fatal one, else the first found. */
export function mainCause(causes: readonly PodCause[]): PodCause | undefined {
  return causes.find((c) => c.fatal) ?? causes[0];
}
