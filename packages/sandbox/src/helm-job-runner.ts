/**
 * THE STAND-IN FOR THE NODE. Nothing runs pods on the test control plane (no
 * kubelet, no container images, no kube-controller-manager), so this plays the
 * parts of the job controller and the kubelet for the Jobs that k3s's real
 * helm-controller creates, and nothing else:
 *
 * - job controller: marks a suspended Job `Suspended`, creates the Job's Pod
 *   when it is resumed, and sets the Job's status from the Pod's outcome;
 * - kubelet + klipper-helm image: reads the chart (`chart-content-<name>`
 *   ConfigMap) and values (`chart-values-<name>` Secret) the Pod would mount,
 *   runs what the image's entry script runs (`helm install` / `upgrade` /
 *   `uninstall`) with the real helm binary against the test apiserver, and
 *   reports the container's end in the Pod status, the output's tail as its
 *   termination message; a failed container restarts with a back-off, as
 *   `restartPolicy: OnFailure` does.
 *
 * Everything else in the path (apiserver, helm-controller, helm) is real.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { V1Job, V1JobCondition, V1Pod } from "@kubernetes/client-node";
import { BatchV1Api, CoreV1Api, KubeConfig, PatchStrategy, setHeaderOptions } from "@kubernetes/client-node";
import { findTool } from "@homelab/toolbox";
import { execa } from "execa";

const CHART_LABEL = "helmcharts.helm.cattle.io/chart";
const NODE_NAME = "homelab-standin-node";

export interface HelmJobRunner {
  /** Helm invocations so far, for assertions: e.g. `install jellyfin`. */
  runs: string[];
  stop(): Promise<void>;
}

interface Env {
  [key: string]: string;
}

/** Starts the stand-in against a kubeconfig; polls Jobs every `intervalMs`. */
export function startHelmJobRunner(kubeconfig: string, options: { intervalMs?: number } = {}): HelmJobRunner {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  const batch = kc.makeApiClient(BatchV1Api);
  const core = kc.makeApiClient(CoreV1Api);
  const busy = new Set<string>();
  const retryAt = new Map<string, number>();
  const runs: string[] = [];
  let stopped = false;

  const tick = async () => {
    const jobs = await batch.listJobForAllNamespaces({ labelSelector: CHART_LABEL });
    for (const job of jobs.items) {
      const key = `${job.metadata!.namespace}/${job.metadata!.name}/${job.metadata!.uid}`;
      if (busy.has(key) || (retryAt.get(key) ?? 0) > Date.now()) continue;
      if (hasCondition(job, "Complete") || hasCondition(job, "Failed")) continue;
      if (job.spec?.suspend) {
        if (!hasCondition(job, "Suspended")) await setJobStatus(batch, job, { conditions: [condition("Suspended", "JobSuspended", "Job suspended")] });
        continue;
      }
      busy.add(key);
      void runJob(job)
        .catch(() => undefined)
        .finally(() => busy.delete(key));
    }
  };

  const runJob = async (job: V1Job) => {
    const ns = job.metadata!.namespace!;
    const key = `${ns}/${job.metadata!.name}/${job.metadata!.uid}`;
    const pod = await ensurePod(core, job);
    const container = job.spec!.template.spec!.containers[0]!;
    const env: Env = Object.fromEntries((container.env ?? []).map((e) => [e.name, e.value ?? ""]));
    const started = new Date();
    if (!job.status?.startTime) {
      await setJobStatus(batch, job, { startTime: started, active: 1, conditions: [condition("Suspended", "JobResumed", "Job resumed", "False")] });
    }
    await setPodStatus(core, pod, { phase: "Running", containerStatuses: [containerStatus(pod, { running: { startedAt: started } })] });
    const result = await runHelm(core, kubeconfig, ns, env, container.args ?? []);
    runs.push(`${(container.args ?? [])[0]} ${env.NAME}${result.ok ? "" : " (failed)"}`);
    const finished = new Date();
    const fresh = await batch.readNamespacedJob({ name: job.metadata!.name!, namespace: ns });
    if (result.ok) {
      await setPodStatus(core, pod, {
        phase: "Succeeded",
        containerStatuses: [containerStatus(pod, { terminated: { exitCode: 0, reason: "Completed", startedAt: started, finishedAt: finished, message: result.tail } })],
      });
      await setJobStatus(batch, fresh, {
        active: 0,
        ready: 0,
        succeeded: 1,
        completionTime: finished,
        conditions: [
          condition("Suspended", "JobResumed", "Job resumed", "False"),
          condition("SuccessCriteriaMet", "CompletionsReached", "Reached expected number of succeeded pods"),
          condition("Complete", "CompletionsReached", "Reached expected number of succeeded pods"),
        ],
      });
    } else {
      // restartPolicy OnFailure: the kubelet restarts the container in the same pod, with a back-off.
      const restarts = (pod.status?.containerStatuses?.[0]?.restartCount ?? 0) + 1;
      await setPodStatus(core, pod, {
        phase: "Running",
        containerStatuses: [
          containerStatus(pod, {
            waiting: { reason: "CrashLoopBackOff", message: "back-off restarting failed container" },
            lastState: { terminated: { exitCode: result.exitCode, reason: "Error", startedAt: started, finishedAt: finished, message: result.tail } },
            restartCount: restarts,
          }),
        ],
      });
      retryAt.set(key, Date.now() + Math.min(10_000 * 2 ** (restarts - 1), 300_000));
    }
  };

  const loop = (async () => {
    while (!stopped) {
      await tick().catch(() => undefined);
      await new Promise((r) => setTimeout(r, options.intervalMs ?? 250));
    }
  })();

  return {
    runs,
    stop: async () => {
      stopped = true;
      await loop;
    },
  };
}

function hasCondition(job: V1Job, type: string): boolean {
  return (job.status?.conditions ?? []).some((c) => c.type === type && c.status === "True");
}

function condition(type: string, reason: string, message: string, status = "True"): V1JobCondition {
  const now = new Date();
  return { type, status, reason, message, lastProbeTime: now, lastTransitionTime: now };
}

async function setJobStatus(batch: BatchV1Api, job: V1Job, status: Record<string, unknown>): Promise<void> {
  // A merge patch replaces `conditions` as a whole, as the job controller writes them.
  await batch.patchNamespacedJobStatus(
    { name: job.metadata!.name!, namespace: job.metadata!.namespace!, body: { status } },
    setHeaderOptions("Content-Type", PatchStrategy.MergePatch),
  );
}

async function ensurePod(core: CoreV1Api, job: V1Job): Promise<V1Pod> {
  const ns = job.metadata!.namespace!;
  const jobName = job.metadata!.name!;
  const existing = await core.listNamespacedPod({ namespace: ns, labelSelector: `batch.kubernetes.io/job-name=${jobName}` });
  const mine = existing.items.find((p) => p.metadata?.ownerReferences?.some((o) => o.uid === job.metadata!.uid));
  if (mine) return mine;
  const template = job.spec!.template;
  return core.createNamespacedPod({
    namespace: ns,
    body: {
      metadata: {
        name: `${jobName}-${Math.random().toString(36).slice(2, 7)}`,
        namespace: ns,
        labels: { ...template.metadata?.labels, "batch.kubernetes.io/job-name": jobName, "job-name": jobName },
        annotations: template.metadata?.annotations,
        ownerReferences: [{ apiVersion: "batch/v1", kind: "Job", name: jobName, uid: job.metadata!.uid!, controller: true, blockOwnerDeletion: true }],
      },
      spec: { ...template.spec!, nodeName: NODE_NAME },
    },
  });
}

async function setPodStatus(core: CoreV1Api, pod: V1Pod, status: Record<string, unknown>): Promise<void> {
  const fresh = await core.readNamespacedPod({ name: pod.metadata!.name!, namespace: pod.metadata!.namespace! });
  await core.replaceNamespacedPodStatus({
    name: pod.metadata!.name!,
    namespace: pod.metadata!.namespace!,
    body: { ...fresh, status: { ...fresh.status, hostIP: "127.0.0.1", podIP: "127.0.0.1", startTime: fresh.status?.startTime ?? new Date(), ...status } },
  });
  Object.assign(pod, fresh);
}

function containerStatus(pod: V1Pod, state: Record<string, unknown>) {
  const c = pod.spec!.containers[0]!;
  const { lastState, restartCount, ...current } = state;
  return {
    name: c.name,
    image: c.image,
    imageID: "",
    ready: "running" in current,
    started: "running" in current,
    restartCount: (restartCount as number | undefined) ?? pod.status?.containerStatuses?.[0]?.restartCount ?? 0,
    state: current,
    lastState: lastState ?? {},
  };
}

interface HelmOutcome {
  ok: boolean;
  exitCode: number;
  tail: string;
}

/** What klipper-helm's entry script does for `install` and `delete`, with the chart and values the pod would mount. */
async function runHelm(core: CoreV1Api, kubeconfig: string, ns: string, env: Env, args: string[]): Promise<HelmOutcome> {
  const helm = findTool("helm");
  const work = mkdtempSync(join(tmpdir(), "standin-job-"));
  const name = env.NAME!;
  const target = env.TARGET_NAMESPACE || ns;
  const base = ["--kubeconfig", kubeconfig, "--namespace", target];
  const out: string[] = [];
  const run = async (a: string[]) => {
    const r = await execa(helm, [...a, ...base], { reject: false, all: true, env: { HELM_DRIVER: env.HELM_DRIVER || "secret" } });
    out.push(`+ helm ${a.join(" ")}`, r.all ?? "");
    return r;
  };
  try {
    const status = await run(["list", "--all", "--filter", `^${name}$`, "--output", "json"]);
    const releases = JSON.parse(status.stdout || "[]") as { status: string }[];
    const current = releases[0]?.status;
    if (args[0] === "delete") {
      if (current) await run(["uninstall", name]);
      return { ok: true, exitCode: 0, tail: tail(out) };
    }
    const content = await core.readNamespacedConfigMap({ name: `chart-content-${name}`, namespace: ns }).catch(() => undefined);
    const encoded = content?.data?.[`${name}.tgz.base64`];
    const chart = join(work, `${name}.tgz`);
    if (encoded) writeFileSync(chart, Buffer.from(encoded, "base64"));
    const valueArgs: string[] = [];
    const secret = await core.readNamespacedSecret({ name: `chart-values-${name}`, namespace: ns }).catch(() => undefined);
    for (const key of Object.keys(secret?.data ?? {}).sort()) {
      const file = join(work, `values-${key}.yaml`);
      writeFileSync(file, Buffer.from(secret!.data![key]!, "base64"));
      valueArgs.push("--values", file);
    }
    const source = encoded ? chart : env.CHART!;
    const flags = args.slice(1).filter((a, i, all) => a !== "--namespace" && all[i - 1] !== "--namespace");
    // As the image does: label the release with the config hash, which helm-controller
    // compares to decide that a completed Job's release is current.
    if (env.CONFIG_HASH) flags.push("--labels", `helmcharts.helm.cattle.io/configHash=${env.CONFIG_HASH}`);
    let r;
    if (!current) {
      r = await run(["install", name, source, ...flags, ...valueArgs]);
    } else if (current === "deployed") {
      r = await run(["upgrade", name, source, ...flags.filter((f) => f !== "--create-namespace"), ...valueArgs]);
    } else {
      await run(["uninstall", name]);
      r = await run(["install", name, source, ...flags, ...valueArgs]);
    }
    return { ok: r.exitCode === 0, exitCode: r.exitCode ?? 1, tail: tail(out) };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const tail = (lines: string[]) => lines.join("\n").split("\n").slice(-20).join("\n").slice(-3500);
