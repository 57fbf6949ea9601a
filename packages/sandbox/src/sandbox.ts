import type { ControlPlane, ControlPlaneOptions } from "./control-plane.ts";
import { startControlPlane } from "./control-plane.ts";
import { startHelmController } from "./helm-controller.ts";
import type { HelmJobRunner } from "./helm-job-runner.ts";
import { startHelmJobRunner } from "./helm-job-runner.ts";

/**
 * A throwaway cluster on this machine: the control plane, k3s's helm-controller
 * and the node stand-in that runs its install Jobs with the real helm.
 * `homelab-release --target sandbox` releases into it, and so do the tests.
 */
export interface Sandbox {
  cp: ControlPlane;
  runner: HelmJobRunner;
  /** Kubeconfig of the `homelab-release` user (its requests stand apart in the audit log). */
  kubeconfig: string;
  /** helm-controller's log file. */
  controllerLog: string;
  /** Stops everything the sandbox started; idempotent. */
  stop(): Promise<void>;
}

/** Starts the sandbox; stops what started if a later part fails. */
export async function startSandbox(options: ControlPlaneOptions = {}): Promise<Sandbox> {
  const cp = await startControlPlane(options);
  try {
    const controller = await startHelmController(cp);
    const runner = startHelmJobRunner(cp.kubeconfig);
    return {
      cp,
      runner,
      kubeconfig: cp.releaseKubeconfig,
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
