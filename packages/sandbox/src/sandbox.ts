import { requireToolSet } from "@homelab/toolbox";
import type { ControlPlane, ControlPlaneOptions } from "./control-plane.ts";
import { startControlPlane } from "./control-plane.ts";
import { startControllerManager } from "./controller-manager.ts";
import { startHelmController } from "./helm-controller.ts";
import type { HelmJobRunner } from "./helm-job-runner.ts";
import { startHelmJobRunner } from "./helm-job-runner.ts";
import { checkKwokVersion, startKwok } from "./kwok.ts";
import { createNode, DEFAULT_NODE_RESOURCES, NODE_NAME } from "./node.ts";
import type { ManagedProcess } from "./processes.ts";
import { stopProcess } from "./processes.ts";
import { startScheduler } from "./scheduler.ts";
import { startServiceLb } from "./servicelb.ts";
import { startLocalPathProvisioner } from "./storage.ts";

/**
 * A throwaway cluster on this machine that runs workloads: the control plane (etcd,
 * kube-apiserver), kube-controller-manager, kube-scheduler, one node played by kwok, the
 * local-path provisioner, k3s's helm-controller, the node stand-in that runs
 * helm-controller's install pods with the real helm, and the servicelb stand-in that gives
 * LoadBalancer Services the node's address.
 * `homelab-release --target sandbox` releases into it, and so do the tests.
 */
export interface Sandbox {
  cp: ControlPlane;
  runner: HelmJobRunner;
  /** Kubeconfig of the `homelab-release` user (its requests stand apart in the audit log). */
  kubeconfig: string;
  /** helm-controller's log file. */
  controllerLog: string;
  /** The one node pods are scheduled to. */
  nodeName: string;
  /** Log file of each process, by name (etcd, kube-apiserver, kube-controller-manager, ...). */
  logs: Record<string, string>;
  /** Milliseconds from the start until each part was ready; `total` for the whole sandbox. */
  startupMs: Record<string, number>;
  /** Stops everything the sandbox started; idempotent. */
  stop(): Promise<void>;
}

export interface SandboxOptions extends ControlPlaneOptions {
  /** The node's resources (capacity = allocatable), over DEFAULT_NODE_RESOURCES. */
  nodeResources?: Record<string, string>;
}

interface Stoppable {
  name: string;
  log: string;
  stop(): Promise<void>;
}

/** Starts the sandbox and waits until it takes pods; stops what started if a part fails. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  // Every tool of the sandbox set first, all missing ones named at once: nothing starts without them.
  requireToolSet("sandbox");
  const t0 = Date.now();
  const startupMs: Record<string, number> = {};
  const track = <T>(name: string, p: Promise<T>) =>
    p.then((v) => {
      startupMs[name] = Date.now() - t0;
      return v;
    });
  const kwokVersion = checkKwokVersion();
  kwokVersion.catch(() => undefined);
  const cp = await track("kube-apiserver", startControlPlane(options));
  const parts: Stoppable[] = [];
  let runner: HelmJobRunner | undefined;
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await runner?.stop();
      // The components first, together; then the apiserver and etcd.
      await Promise.all(parts.map((p) => p.stop()));
      await cp.stop();
    })());

  try {
    await kwokVersion;
    const asPart = (p: ManagedProcess): Stoppable => ({
      name: p.name,
      log: p.log,
      stop: () => stopProcess(p),
    });
    const kwok = track("kwok", startKwok(cp));
    const starting: Promise<Stoppable>[] = [
      track("kube-controller-manager", startControllerManager(cp)).then(asPart),
      track("kube-scheduler", startScheduler(cp)).then(asPart),
      kwok.then(asPart),
      track("helm-controller", startHelmController(cp, { nodeName: NODE_NAME })).then((c) => ({
        name: "helm-controller",
        ...c,
      })),
      track("local-path-provisioner", startLocalPathProvisioner(cp)).then(asPart),
    ];
    const resources = { ...DEFAULT_NODE_RESOURCES, ...options.nodeResources };
    const node = track(
      "node",
      kwok.then((k) => createNode(cp, resources, k)),
    );
    runner = startHelmJobRunner(cp.kubeconfigFor("node-standin"), { nodeName: NODE_NAME });
    const servicelb = startServiceLb(cp.kubeconfigFor("servicelb"));
    parts.push({ name: "servicelb", log: "", stop: () => servicelb.stop() });
    const settled = await Promise.allSettled(starting);
    for (const s of settled) if (s.status === "fulfilled") parts.push(s.value);
    const failed = [...settled, ...(await Promise.allSettled([node]))].find((s) => s.status === "rejected");
    if (failed) throw failed.reason;
    startupMs.total = Date.now() - t0;
    const logs = Object.fromEntries([
      ["etcd", `${cp.dir}/etcd.log`],
      ["kube-apiserver", `${cp.dir}/kube-apiserver.log`],
      ...parts.filter((p) => p.log).map((p) => [p.name, p.log]),
    ]);
    return {
      cp,
      runner,
      kubeconfig: cp.releaseKubeconfig,
      controllerLog: logs["helm-controller"]!,
      nodeName: NODE_NAME,
      logs,
      startupMs,
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
