import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { findTool } from "@homelab/toolbox";
import { execa } from "execa";
import type { ControlPlane } from "./control-plane.ts";
import type { ManagedProcess } from "./processes.ts";
import { freePort, readyOrStopped, startProcess, waitFor } from "./processes.ts";

/** The sandbox's kwok stages (node and pod lifecycles, failure injection), pinned to a kwok version. */
export const STAGES_FILE = fileURLToPath(new URL("../stages/kwok-stages.yaml", import.meta.url));

/** The annotation whose value makes kwok fail a pod, as a node would. */
export const FAIL_ANNOTATION = "sandbox.homelab/fail";
/** With FAIL_ANNOTATION CrashLoopBackOff or Error: the failed container's termination message (no logs here). */
export const FAIL_MESSAGE_ANNOTATION = "sandbox.homelab/fail-message";
/** The ways a pod annotated with FAIL_ANNOTATION fails. */
export type PodFailure = "ImagePullBackOff" | "CrashLoopBackOff" | "Error";

/** The node's InternalIP, the hostIP of its pods. */
export const NODE_IP = "127.0.0.1";

/** The annotation on Nodes kwok manages here. */
export const KWOK_NODE_ANNOTATION = "kwok.x-k8s.io/node";

/** The kwok version the stage file was written for (its `# kwok: vX.Y.Z` line). */
export function pinnedKwokVersion(file = STAGES_FILE): string {
  const pin = /^# kwok: (v\S+)$/m.exec(readFileSync(file, "utf8"));
  if (!pin)
    throw new Error(`${file} has no "# kwok: <version>" line. Fix: add the kwok version its stages are for`);
  return pin[1]!;
}

/** Fails unless the kwok binary is the version the stages are pinned to. */
export async function checkKwokVersion(): Promise<void> {
  const bin = findTool("kwok");
  const pinned = pinnedKwokVersion();
  const out = (await execa(bin, ["--version"], { reject: false })).stdout;
  const found = /version (v\S+)/.exec(out)?.[1];
  if (found !== pinned) {
    throw new Error(
      `${bin} is kwok ${found ?? `of unknown version ("${out.trim()}")`}, but ${STAGES_FILE} is for kwok ${pinned}. ` +
        `Fix: run \`bash tooling/tools/install.sh kwok\` (KWOK_VERSION in tooling/tools/versions.env), ` +
        `or update the stages and their "# kwok:" line together with KWOK_VERSION`,
    );
  }
}

/**
 * Starts kwok as the kubelet of the Nodes annotated `kwok.x-k8s.io/node=fake`: it makes them
 * Ready, renews their Lease, and moves their pods through the stages of STAGES_FILE (scheduled
 * pods become Running and Ready; annotated ones fail; Job pods complete). Waits for /healthz.
 */
export async function startKwok(cp: ControlPlane): Promise<ManagedProcess> {
  const port = await freePort();
  const p = startProcess(cp.dir, "kwok", "kwok", [
    // Both are required: kwok's defaults are ~/.kube/config (then in-cluster) and ~/.kwok/kwok.yaml.
    `--kubeconfig=${cp.kubeconfigFor("kwok")}`,
    `--config=${STAGES_FILE}`,
    "--manage-all-nodes=false",
    `--manage-nodes-with-annotation-selector=${KWOK_NODE_ANNOTATION}=fake`,
    // Without it kwok does not renew the node's Lease and the node goes NotReady after ~50 s.
    "--node-lease-duration-seconds=40",
    `--server-address=127.0.0.1:${port}`,
    // Pod IPs from k3s's cluster CIDR; the node's InternalIP.
    "--cidr=10.42.0.0/16",
    `--node-ip=${NODE_IP}`,
  ]);
  const healthz = async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok;
  return readyOrStopped(p, () => waitFor("kwok /healthz", healthz, 60_000, p));
}
