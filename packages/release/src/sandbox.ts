import type { ControlPlane } from "@homelab/test-harness";
import { startControlPlane, startHelmController, startHelmJobRunner } from "@homelab/test-harness";

/** A throwaway cluster for `--target sandbox`: the test control plane, helm-controller and the node stand-in. */
export interface Sandbox {
  /** Kubeconfig of the `homelab-release` user (its requests are told apart in the audit log). */
  kubeconfig: string;
  /** Requests so far, from the apiserver's audit log. */
  auditEvents: ControlPlane["auditEvents"];
  dir: string;
  stop(): Promise<void>;
}

/**
 * Starts the sandbox: real etcd, kube-apiserver and helm-controller, plus the
 * stand-in that runs helm-controller's Jobs with the real helm (no pods run).
 */
export async function startSandbox(options: { dir?: string } = {}): Promise<Sandbox> {
  const cp = await startControlPlane(options.dir ? { dir: options.dir } : {});
  try {
    const controller = await startHelmController(cp);
    const runner = startHelmJobRunner(cp.kubeconfig);
    return {
      kubeconfig: cp.releaseKubeconfig,
      auditEvents: cp.auditEvents,
      dir: cp.dir,
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
