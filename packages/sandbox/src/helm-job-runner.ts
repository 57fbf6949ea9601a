/**
 * THE STAND-IN FOR THE NODE. Nothing runs pods on the test control plane (no
 * kubelet, no container images, no kube-controller-manager), so this plays the
 * parts of the job controller and the kubelet for the Jobs that k3s's real
 * helm-controller creates, and nothing else:
 *
 * - job controller: marks a suspended Job `Suspended`, creates the Job's Pod
 *   when it is resumed, and sets the Job's status from the Pod's outcome;
 * - kubelet + klipper-helm image: reads the chart (`chart-content-<name>`
 *   ConfigMap, or a Helm repository / OCI reference with its CA and credentials)
 *   and values (`chart-values-<name>` Secret) the Pod would mount,
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
import type { V1Job, V1JobCondition, V1Pod, V1PodSpec } from "@kubernetes/client-node";
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
    const result = await runHelm(core, kubeconfig, ns, job.spec!.template.spec!, env, container.args ?? []);
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

/**
 * The files a volume of the Job's pod would hold, by path: a secret, a configMap, or a
 * projected volume of secrets (with their items' paths), as the kubelet would mount them.
 */
async function mountedFiles(core: CoreV1Api, ns: string, spec: V1PodSpec, volumeName: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const volume = spec.volumes?.find((v) => v.name === volumeName);
  if (!volume) return files;
  const secretData = async (name: string) => (await core.readNamespacedSecret({ name, namespace: ns }).catch(() => undefined))?.data ?? {};
  const put = (data: Record<string, string>, items: { key: string; path: string }[] | undefined, decode: boolean) => {
    for (const { key, path } of items ?? Object.keys(data).map((k) => ({ key: k, path: k }))) {
      if (data[key] !== undefined) files.set(path, decode ? Buffer.from(data[key], "base64") : Buffer.from(data[key]));
    }
  };
  if (volume.secret?.secretName) put(await secretData(volume.secret.secretName), volume.secret.items, true);
  if (volume.configMap?.name) put((await core.readNamespacedConfigMap({ name: volume.configMap.name, namespace: ns }).catch(() => undefined))?.data ?? {}, volume.configMap.items, false);
  for (const source of volume.projected?.sources ?? []) {
    if (source.secret?.name) put(await secretData(source.secret.name), source.secret.items, true);
  }
  return files;
}

/**
 * What klipper-helm's entry script does for `install` and `delete`, with the chart, values,
 * CA and credentials the pod would mount: the inline chart (`/chart`), or a chart from a Helm
 * repository (`helm repo add` under the HelmChart's name, with the `/auth` credentials and the
 * CA of `/config/ca-file.pem` and `/ca-files`) or an OCI reference, at `--version`; values
 * from `/config/*.yaml` in name order; `--plain-http`, `--insecure-skip-tls-verify` and
 * `--timeout` from the Job's environment. Each Job gets its own helm home (the image's
 * emptyDir volumes).
 */
async function runHelm(core: CoreV1Api, kubeconfig: string, ns: string, spec: V1PodSpec, env: Env, args: string[]): Promise<HelmOutcome> {
  const helm = findTool("helm");
  const work = mkdtempSync(join(tmpdir(), "standin-job-"));
  const name = env.NAME!;
  const target = env.TARGET_NAMESPACE || ns;
  const base = ["--kubeconfig", kubeconfig, "--namespace", target];
  const helmEnv = {
    HELM_DRIVER: env.HELM_DRIVER || "secret",
    HELM_CONFIG_HOME: join(work, "home", "config"),
    HELM_CACHE_HOME: join(work, "home", "cache"),
    HELM_DATA_HOME: join(work, "home", "data"),
  };
  const out: string[] = [];
  const run = async (a: string[], input?: string) => {
    const r = await execa(helm, [...a, ...base], { reject: false, all: true, env: helmEnv, ...(input !== undefined ? { input } : {}) });
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
    const config = await mountedFiles(core, ns, spec, "values");
    const caParts = [config.get("ca-file.pem"), ...[...(await mountedFiles(core, ns, spec, "ca-files")).entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => v)];
    const caFile = join(work, "ca-file.pem");
    const ca = caParts.filter((c): c is Buffer => c !== undefined);
    if (ca.length) writeFileSync(caFile, ca.map((c) => `\n${c.toString("utf8")}`).join(""));
    const sourceFlags = [
      ...(ca.length ? ["--ca-file", caFile] : []),
      ...(env.INSECURE_SKIP_TLS_VERIFY === "true" ? ["--insecure-skip-tls-verify"] : []),
    ];
    const content = await core.readNamespacedConfigMap({ name: `chart-content-${name}`, namespace: ns }).catch(() => undefined);
    const encoded = content?.data?.[`${name}.tgz.base64`];
    const chart = join(work, `${name}.tgz`);
    if (encoded) writeFileSync(chart, Buffer.from(encoded, "base64"));
    const source = encoded ? chart : env.CHART!;
    if (!encoded && env.REPO && !/https?:\/\//.test(source)) {
      const auth = await mountedFiles(core, ns, spec, "auth");
      const pass = env.AUTH_PASS_CREDENTIALS === "true" ? ["--pass-credentials"] : [];
      const username = auth.get("username")?.toString("utf8");
      const password = auth.get("password")?.toString("utf8");
      const added =
        username !== undefined && password !== undefined
          ? await run(["repo", "add", ...sourceFlags, ...pass, "--username", username, "--password-stdin", name.split("/")[0]!, env.REPO], password)
          : await run(["repo", "add", ...sourceFlags, name.split("/")[0]!, env.REPO]);
      if (added.exitCode !== 0) return { ok: false, exitCode: added.exitCode ?? 1, tail: tail(out) };
      const updated = await run(["repo", "update"]);
      if (updated.exitCode !== 0) return { ok: false, exitCode: updated.exitCode ?? 1, tail: tail(out) };
    }
    const valueArgs: string[] = [];
    for (const [path, data] of [...config.entries()].filter(([p]) => p.endsWith(".yaml")).sort(([a], [b]) => (a < b ? -1 : 1))) {
      const file = join(work, path);
      writeFileSync(file, data);
      valueArgs.push("--values", file);
    }
    const flags = args.slice(1).filter((a, i, all) => a !== "--namespace" && all[i - 1] !== "--namespace");
    flags.push(...sourceFlags);
    if (env.PLAIN_HTTP === "true") flags.push("--plain-http");
    if (env.TIMEOUT) flags.push("--timeout", env.TIMEOUT);
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
