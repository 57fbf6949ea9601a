import type { ControlPlane } from "@homelab/test-harness";
import { startTestCluster } from "@homelab/test-harness";

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
  const cluster = await startTestCluster(options.dir ? { dir: options.dir } : {});
  return { kubeconfig: cluster.cp.releaseKubeconfig, auditEvents: cluster.cp.auditEvents, dir: cluster.cp.dir, stop: cluster.stop };
}
