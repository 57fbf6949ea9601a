import type { V1Job, V1Pod } from "@kubernetes/client-node";
import type { Kube } from "../cluster/kube.ts";
import { readOptional } from "../cluster/kube.ts";
import { lastLogLines } from "./pod-log.ts";

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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits for the Job helm-controller runs for a HelmChart. Succeeds on the
 * Job's Complete condition; fails on its Failed condition or as soon as its
 * container exits non-zero (helm-controller's Jobs restart on failure, so
 * they would otherwise retry for a long time), with the reason and the log
 * excerpt; fails on timeout.
 */
export async function waitForInstallJob(
  kube: Kube,
  namespace: string,
  service: string,
  options: WaitOptions,
): Promise<JobOutcome> {
  const jobName = `helm-install-${service}`;
  const deadline = Date.now() + options.timeoutMs;
  let last = "";
  const progress = (state: string) => {
    if (state !== last) options.onProgress?.(state);
    last = state;
  };
  for (;;) {
    const job = await readOptional<V1Job>(kube, {
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: { name: jobName, namespace },
    });
    if (!job || job.metadata?.uid === options.previousJobUid) {
      progress(
        job
          ? "waiting for helm-controller to replace the install job"
          : "waiting for helm-controller to create the install job",
      );
    } else {
      const conditions = job.status?.conditions ?? [];
      if (conditions.some((c) => c.type === "Complete" && c.status === "True")) return { ok: true, jobName };
      const failed = conditions.find((c) => c.type === "Failed" && c.status === "True");
      if (failed)
        return {
          ok: false,
          jobName,
          reason: `job failed: ${failed.reason ?? ""} ${failed.message ?? ""}`.trim(),
          ...(await excerpt(kube, namespace, job)),
        };
      const crashed = await crashedPod(kube, namespace, jobName);
      if (crashed) {
        const t = crashed.status!.containerStatuses![0]!.lastState!.terminated!;
        return {
          ok: false,
          jobName,
          reason: `helm exited with code ${t.exitCode} (${t.reason ?? "Error"})`,
          ...(await excerpt(kube, namespace, job, crashed)),
        };
      }
      progress(job.spec?.suspend ? "install job created, waiting for it to start" : "install job running");
    }
    if (Date.now() > deadline) {
      return {
        ok: false,
        jobName,
        reason: `timed out after ${Math.round(options.timeoutMs / 1000)} s (${last})`,
      };
    }
    await sleep(options.pollMs ?? 500);
  }
}

async function podsOf(kube: Kube, namespace: string, jobName: string): Promise<V1Pod[]> {
  return (
    await kube.core.listNamespacedPod({ namespace, labelSelector: `batch.kubernetes.io/job-name=${jobName}` })
  ).items;
}

async function crashedPod(kube: Kube, namespace: string, jobName: string): Promise<V1Pod | undefined> {
  return (await podsOf(kube, namespace, jobName)).find((p) => {
    const s = p.status?.containerStatuses?.[0];
    const t = s?.lastState?.terminated ?? s?.state?.terminated;
    return t !== undefined && t.exitCode !== 0;
  });
}

/** The last lines of the job's container. */
async function excerpt(
  kube: Kube,
  namespace: string,
  job: V1Job,
  pod?: V1Pod,
): Promise<{ logExcerpt?: string }> {
  const p = pod ?? (await podsOf(kube, namespace, job.metadata!.name!))[0];
  const lines = p ? await lastLogLines(kube, p) : undefined;
  return lines ? { logExcerpt: lines } : {};
}
