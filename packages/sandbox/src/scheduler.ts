import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { ControlPlane } from "./control-plane.ts";
import { httpsStatus } from "./probe.ts";
import type { ManagedProcess } from "./processes.ts";
import { freePort, readyOrStopped, startProcess, waitFor } from "./processes.ts";

/**
 * Starts the real kube-scheduler (default profile: resources, extended resources, affinity,
 * taints, volume binding) and waits for its /readyz, which includes its informers' sync.
 */
export async function startScheduler(cp: ControlPlane): Promise<ManagedProcess> {
  const kubeconfig = cp.kubeconfigFor("kube-scheduler");
  const certDir = join(cp.dir, "pki", "kube-scheduler");
  mkdirSync(certDir, { recursive: true });
  const port = await freePort();
  const p = startProcess(cp.dir, "kube-scheduler", "kube-scheduler", [
    `--kubeconfig=${kubeconfig}`,
    `--authentication-kubeconfig=${kubeconfig}`,
    `--authorization-kubeconfig=${kubeconfig}`,
    "--authentication-skip-lookup",
    "--bind-address=127.0.0.1",
    `--secure-port=${port}`,
    `--cert-dir=${certDir}`,
    "--leader-elect=false",
    "--v=1",
  ]);
  const readyz = async () =>
    (await httpsStatus(`https://127.0.0.1:${port}/readyz`, { insecure: true })) === 200;
  return readyOrStopped(p, () => waitFor("kube-scheduler /readyz", readyz, 60_000, p));
}
