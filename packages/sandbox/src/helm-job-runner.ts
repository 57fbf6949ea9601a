/**
 * THE STAND-IN FOR THE NODE'S KUBELET, for one kind of pod only. The sandbox's node is kwok's:
 * it makes pods Running and Ready without running anything. The pods of the install Jobs that
 * k3s's real helm-controller creates must really run, so kwok's stages leave them alone (label
 * `helmcharts.helm.cattle.io/chart`) and this plays their kubelet and the klipper-helm image:
 *
 * - finds those pods once the real scheduler has bound them to the node (the real job
 *   controller created them, from the Job helm-controller resumed);
 * - reports the container running, gets the pod's ServiceAccount token (bound to the pod, as
 *   the kubelet projects it) and runs what the image's entry script runs with the real helm
 *   (src/klipper-helm.ts), as that ServiceAccount;
 * - reports the container's end in the pod status as a kubelet does (k8s.io/kubernetes v1.35.4
 *   pkg/kubelet/kubelet_pods.go convertToAPIContainerStatuses, kuberuntime_manager.go
 *   doBackOff), the output's tail as its termination message: Succeeded; or for a failure
 *   `state.terminated` with the run before in `lastState` (`{}` after a first run), then as
 *   `restartPolicy: OnFailure` does a restart: the first at once, each later one after the
 *   container waited in CrashLoopBackOff (its exit in `lastState.terminated`) for a back-off
 *   of 10 s, doubling, at most 5 min. The restart count rises when a run starts. The job
 *   controller turns that into the Job's status (Complete, or FailureTarget and Failed once
 *   the restarts reach the Job's backoffLimit).
 *
 * Everything else in the path (apiserver, job controller, scheduler, helm-controller, helm) is real.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type {
  V1ContainerState,
  V1ContainerStateTerminated,
  V1ContainerStatus,
  V1Pod,
  V1PodCondition,
  V1PodStatus,
} from "@kubernetes/client-node";
import { CoreV1Api } from "@kubernetes/client-node";
import type { HelmOutcome, KlipperEnv } from "./klipper-helm.ts";
import { runKlipperHelm } from "./klipper-helm.ts";
import { kubeconfigYaml } from "./control-plane.ts";
import { NODE_IP } from "./kwok.ts";
import { loadKubeConfig } from "@homelab/toolbox/kube";

/** The label helm-controller puts on its Jobs and their pods. */
export const CHART_LABEL = "helmcharts.helm.cattle.io/chart";

export interface HelmJobRunner {
  /** Helm invocations so far, for assertions: e.g. `install jellyfin`, `install widget (failed)`. */
  runs: string[];
  stop(): Promise<void>;
}

export interface HelmJobRunnerOptions {
  /** The node whose install pods this runs. */
  nodeName: string;
  /** Default: 250 ms between looks for pods. */
  intervalMs?: number;
}

/**
 * The back-off before a failed container runs again, by its restart count when it failed: none
 * after its first run, then 10 s, doubling, at most 5 min (the kubelet's).
 */
export const restartBackOffMs = (restarts: number) =>
  restarts === 0 ? 0 : Math.min(10_000 * 2 ** (restarts - 1), 300_000);

/** How long a failed container shows `state.terminated` before the kubelet's next sync says CrashLoopBackOff. */
const EXITED_SHOWN_MS = 1000;

/** Starts the stand-in with a kubeconfig allowed to read pods and write their status. */
export function startHelmJobRunner(kubeconfig: string, options: HelmJobRunnerOptions): HelmJobRunner {
  const kc = loadKubeConfig(kubeconfig);
  const core = kc.makeApiClient(CoreV1Api);
  const cluster = kc.getCurrentCluster()!;
  const ca = Buffer.from(cluster.caData ?? "", "base64");
  const busy = new Set<string>();
  const retryAt = new Map<string, number>();
  const runs: string[] = [];
  let stopped = false;

  const tick = async () => {
    const pods = await core.listPodForAllNamespaces({
      labelSelector: CHART_LABEL,
      fieldSelector: `spec.nodeName=${options.nodeName},status.phase!=Succeeded,status.phase!=Failed`,
    });
    const seen = new Set<string>();
    for (const pod of pods.items) {
      const uid = pod.metadata!.uid!;
      seen.add(uid);
      if (pod.metadata?.deletionTimestamp || busy.has(uid) || (retryAt.get(uid) ?? 0) > Date.now()) continue;
      busy.add(uid);
      void runContainer(pod)
        .catch(() => undefined)
        .finally(() => busy.delete(uid));
    }
    for (const uid of retryAt.keys()) if (!seen.has(uid)) retryAt.delete(uid);
  };

  /** One run of the pod's container, from start to its end in the pod status. */
  const runContainer = async (pod: V1Pod) => {
    const ns = pod.metadata!.namespace!;
    const container = pod.spec!.containers[0]!;
    const env: KlipperEnv = Object.fromEntries((container.env ?? []).map((e) => [e.name, e.value ?? ""]));
    const args = container.args ?? [];
    const started = new Date();
    // A restart: the container exited before (terminated, or waiting out its back-off).
    const before = pod.status?.containerStatuses?.[0];
    const exited =
      before?.state?.terminated ?? (before?.state?.waiting ? before.lastState?.terminated : undefined);
    const restarts = (before?.restartCount ?? 0) + (exited ? 1 : 0);
    const lastState: V1ContainerState = exited ? { terminated: exited } : {};
    if (!(await writeStatus(pod, running(pod, started, restarts, lastState)))) return;
    const work = mkdtempSync(join(tmpdir(), "standin-pod-"));
    let result: HelmOutcome;
    try {
      const helmKubeconfig = join(work, "kubeconfig");
      writeFileSync(helmKubeconfig, kubeconfigYaml(cluster.server, ca, await serviceAccountToken(pod)), {
        mode: 0o600,
      });
      result = await runKlipperHelm(core, helmKubeconfig, ns, pod.spec!, env, args);
    } catch (e) {
      // What a kubelet reports when it cannot start the container (e.g. no token for its account).
      result = { ok: false, exitCode: 128, tail: e instanceof Error ? e.message : String(e) };
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
    runs.push(`${args[0]} ${env.NAME}${result.ok ? "" : " (failed)"}`);
    const finished = new Date();
    if (result.ok) {
      await writeStatus(pod, succeeded(pod, started, finished, restarts, lastState, result));
      return;
    }
    const terminated = exit(started, finished, result);
    if (!(await writeStatus(pod, failed(pod, restarts, lastState, terminated)))) return;
    const backOff = restartBackOffMs(restarts);
    retryAt.set(pod.metadata!.uid!, Date.now() + EXITED_SHOWN_MS + backOff);
    if (backOff === 0) return;
    await new Promise((r) => setTimeout(r, EXITED_SHOWN_MS));
    await writeStatus(pod, crashLooping(pod, restarts, terminated, backOff));
  };

  /** A token of the pod's ServiceAccount, bound to the pod, as the kubelet projects it. */
  const serviceAccountToken = async (pod: V1Pod) => {
    const request = await core.createNamespacedServiceAccountToken({
      name: pod.spec!.serviceAccountName ?? "default",
      namespace: pod.metadata!.namespace!,
      body: {
        spec: {
          audiences: [],
          expirationSeconds: 3600,
          boundObjectRef: {
            apiVersion: "v1",
            kind: "Pod",
            name: pod.metadata!.name!,
            uid: pod.metadata!.uid!,
          },
        },
      },
    });
    return request.status!.token;
  };

  /** Replaces the pod's status with `next` over what it is now; false when the pod is gone or replaced. */
  const writeStatus = async (pod: V1Pod, next: Partial<V1PodStatus>): Promise<boolean> => {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        const fresh = await core.readNamespacedPod({
          name: pod.metadata!.name!,
          namespace: pod.metadata!.namespace!,
        });
        if (fresh.metadata?.uid !== pod.metadata?.uid) return false;
        const status = {
          ...fresh.status,
          ...next,
          conditions: mergeConditions(fresh.status?.conditions, next.conditions),
        };
        await core.replaceNamespacedPodStatus({
          name: pod.metadata!.name!,
          namespace: pod.metadata!.namespace!,
          body: { ...fresh, status },
        });
        return true;
      } catch (e) {
        const code = (e as { code?: number }).code;
        if (code === 404) return false;
        if (code !== 409) throw e;
      }
    }
    return false;
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

function mergeConditions(current: V1PodCondition[] = [], updates: V1PodCondition[] = []): V1PodCondition[] {
  const types = new Set(updates.map((c) => c.type));
  return [...current.filter((c) => !types.has(c.type)), ...updates];
}

/** The pod's conditions (pkg/kubelet/status/generate.go): unready ones name the unready container. */
function conditions(ready: boolean, at: Date, reason?: string, pod?: V1Pod): V1PodCondition[] {
  const message = pod
    ? { message: `containers with unready status: [${pod.spec!.containers[0]!.name}]` }
    : {};
  const unready = reason ? { reason, ...message } : {};
  return [
    { type: "PodReadyToStartContainers", status: "True", lastTransitionTime: at },
    { type: "Initialized", status: "True", lastTransitionTime: at },
    {
      type: "ContainersReady",
      status: ready ? "True" : "False",
      lastTransitionTime: at,
      ...(ready ? {} : unready),
    },
    { type: "Ready", status: ready ? "True" : "False", lastTransitionTime: at, ...(ready ? {} : unready) },
  ];
}

function containerStatus(
  pod: V1Pod,
  fields: Omit<V1ContainerStatus, "name" | "image" | "imageID">,
): V1ContainerStatus {
  const c = pod.spec!.containers[0]!;
  return { name: c.name, image: c.image ?? "", imageID: "", ...fields };
}

const hostIPs = { hostIP: NODE_IP, hostIPs: [{ ip: NODE_IP }] };

function running(pod: V1Pod, at: Date, restarts: number, lastState: V1ContainerState): Partial<V1PodStatus> {
  return {
    phase: "Running",
    ...hostIPs,
    startTime: pod.status?.startTime ?? at,
    conditions: conditions(true, at),
    containerStatuses: [
      containerStatus(pod, {
        ready: true,
        started: true,
        restartCount: restarts,
        state: { running: { startedAt: at } },
        lastState,
      }),
    ],
  };
}

function succeeded(
  pod: V1Pod,
  started: Date,
  finished: Date,
  restarts: number,
  lastState: V1ContainerState,
  r: HelmOutcome,
): Partial<V1PodStatus> {
  const terminated = {
    exitCode: 0,
    reason: "Completed",
    startedAt: started,
    finishedAt: finished,
    message: r.tail,
  };
  return {
    phase: "Succeeded",
    conditions: conditions(false, finished, "PodCompleted"),
    containerStatuses: [
      containerStatus(pod, {
        ready: false,
        started: false,
        restartCount: restarts,
        state: { terminated },
        lastState,
      }),
    ],
  };
}

/** A failed run's exit, as the runtime reports it (reason Error for a non-zero exit). */
const exit = (started: Date, finished: Date, r: HelmOutcome): V1ContainerStateTerminated => ({
  exitCode: r.exitCode,
  reason: "Error",
  startedAt: started,
  finishedAt: finished,
  message: r.tail,
});

/** The container has just exited non-zero: `state.terminated`, the run before in `lastState`; the pod stays Running (OnFailure). */
function failed(
  pod: V1Pod,
  restarts: number,
  lastState: V1ContainerState,
  terminated: V1ContainerStateTerminated,
): Partial<V1PodStatus> {
  return {
    phase: "Running",
    conditions: conditions(false, terminated.finishedAt!, "ContainersNotReady", pod),
    containerStatuses: [
      containerStatus(pod, {
        ready: false,
        started: false,
        restartCount: restarts,
        state: { terminated },
        lastState,
      }),
    ],
  };
}

/** The kubelet's next sync while the restart backs off: waiting in CrashLoopBackOff, the exit in `lastState`. */
function crashLooping(
  pod: V1Pod,
  restarts: number,
  terminated: V1ContainerStateTerminated,
  backOffMs: number,
): Partial<V1PodStatus> {
  const c = pod.spec!.containers[0]!;
  const m = pod.metadata!;
  return {
    phase: "Running",
    containerStatuses: [
      containerStatus(pod, {
        ready: false,
        started: false,
        restartCount: restarts,
        state: {
          waiting: {
            reason: "CrashLoopBackOff",
            message: `back-off ${goDuration(backOffMs)} restarting failed container=${c.name} pod=${m.name}_${m.namespace}(${m.uid})`,
          },
        },
        lastState: { terminated },
      }),
    ],
  };
}

/** A duration as Go's time.Duration prints it: `10s`, `1m20s`, `5m0s`. */
const goDuration = (ms: number) => {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${s % 60}s`;
};
