import type { ControlPlane, ControlPlaneOptions } from "./control-plane.ts";
import { startControlPlane, startHelmController } from "./control-plane.ts";
import type { HelmJobRunner } from "./helm-job-runner.ts";
import { startHelmJobRunner } from "./helm-job-runner.ts";

/** The test control plane with k3s's helm-controller and the node stand-in that runs its Jobs. */
export interface TestCluster {
  cp: ControlPlane;
  runner: HelmJobRunner;
  /** helm-controller's log file. */
  controllerLog: string;
  stop(): Promise<void>;
}

/** Starts etcd, kube-apiserver, helm-controller and the node stand-in; stops what started if a later part fails. */
export async function startTestCluster(options: ControlPlaneOptions = {}): Promise<TestCluster> {
  const cp = await startControlPlane(options);
  try {
    const controller = await startHelmController(cp);
    const runner = startHelmJobRunner(cp.kubeconfig);
    return {
      cp,
      runner,
      controllerLog: controller.log,
      stop: async () => {
        await runner.stop();
        await controller.stop();
        await cp.stop();
      },
    };
  } catch (e) {
    await cp.stop();
    throw e;
  }
}
