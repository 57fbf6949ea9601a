import type { V1Pod } from "@kubernetes/client-node";
import { installJobName } from "../cluster/helm-chart.ts";
import type { InstallJobState } from "../cluster/install-job.ts";
import { changeWaker } from "../cluster/change-waker.ts";
import { readInstallJob } from "../cluster/install-job.ts";
import type { Kube } from "../cluster/kube.ts";
import { apiMessage } from "../cluster/kube.ts";
import { lastLogLines } from "../cluster/pod-log.ts";

/** How one service's install Job ended. */
export interface JobOutcome {
  ok: boolean;
  /** Why it failed: the Job's or container's reason and message. */
  reason?: string;
  /** The last lines of the Job's output, when they could be read. */
  logExcerpt?: string;
  jobName: string;
}

export interface WaitOptions {
  timeoutMs: number;
  /** A Job with this uid is the previous one: wait for its replacement. */
  previousJobUid?: string;
  /** Default: 500 ms. */
  pollMs?: number;
  /** Called when the state seen changes, for progress output. */
  onProgress?: (state: string) => void;
}

/**
 * How often a running Job's pods are read for a crashed container (the Job shows no failure
 * while its pod restarts). The Job itself is read on every poll, as its completion frees the
 * service's place; a crash is reported within this interval, and at the deadline.
 */
const CRASH_CHECK_MS = 2000;

/** What waiting says while the Job is not finished. */
const PROGRESS: Record<string, string> = {
  none: "waiting for helm-controller to create the install job",
  previous: "waiting for helm-controller to replace the install job",
  suspended: "install job created, waiting for it to start",
  running: "install job running",
};

/**
 * Waits for the Job helm-controller runs for a HelmChart. Succeeds on the
 * Job's Complete condition; fails on its Failed (or FailureTarget) condition or as soon as
 * its container exits non-zero (helm-controller's Jobs restart on failure, so they would
 * otherwise retry for a long time), with the reason and the log excerpt; fails on timeout.
 * Never throws for a cluster that cannot be read: that is the outcome's reason.
 */
export async function waitForInstallJob(
  kube: Kube,
  namespace: string,
  service: string,
  options: WaitOptions,
): Promise<JobOutcome> {
  // The Job's changes end each poll's sleep: its completion frees the service's place at once.
  const waker = changeWaker(
    kube,
    `/apis/batch/v1/namespaces/${namespace}/jobs`,
    `metadata.name=${installJobName(service)}`,
  );
  try {
    return await pollInstallJob(kube, namespace, service, options, waker.sleep);
  } finally {
    waker.stop();
  }
}

async function pollInstallJob(
  kube: Kube,
  namespace: string,
  service: string,
  options: WaitOptions,
  sleep: (ms: number) => Promise<void>,
): Promise<JobOutcome> {
  const jobName = installJobName(service);
  const deadline = Date.now() + options.timeoutMs;
  let last = "";
  const progress = (state: string) => {
    if (state !== last) options.onProgress?.(state);
    last = state;
  };
  let podsReadAt = Number.NEGATIVE_INFINITY;
  for (;;) {
    let state: InstallJobState;
    const pods = Date.now() - podsReadAt >= CRASH_CHECK_MS;
    if (pods) podsReadAt = Date.now();
    try {
      state = await readInstallJob(kube, namespace, service, options.previousJobUid, { pods });
    } catch (e) {
      return {
        ok: false,
        jobName,
        reason: `cannot read install job ${namespace}/${jobName}: ${apiMessage(e)}`,
      };
    }
    if (state.phase === "complete") return { ok: true, jobName };
    if (state.phase === "failed")
      return {
        ok: false,
        jobName,
        reason: `job failed: ${state.reason} ${state.message}`.trim(),
        ...(await excerpt(kube, state.pods[0])),
      };
    if (state.phase === "failing")
      return {
        ok: false,
        jobName,
        reason: `helm exited with code ${state.exit.exitCode} (${state.exit.reason ?? "Error"})`,
        ...(await excerpt(kube, state.pod, state.container)),
      };
    progress(PROGRESS[state.phase]!);
    if (Date.now() > deadline) {
      // A crash is not reported as a timeout: the pods are read once more first.
      if (!pods) {
        podsReadAt = Number.NEGATIVE_INFINITY;
        continue;
      }
      return {
        ok: false,
        jobName,
        reason: `timed out after ${Math.round(options.timeoutMs / 1000)} s (${last})`,
      };
    }
    await sleep(options.pollMs ?? 500);
  }
}

/** The last lines of the job's container, when they can be read. */
async function excerpt(
  kube: Kube,
  pod: V1Pod | undefined,
  container?: string,
): Promise<{ logExcerpt?: string }> {
  const lines = pod ? await lastLogLines(kube, pod, container).catch(() => undefined) : undefined;
  return lines ? { logExcerpt: lines } : {};
}
