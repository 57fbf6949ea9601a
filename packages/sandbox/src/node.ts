import type { V1Node } from "@kubernetes/client-node";
import { CoreV1Api } from "@kubernetes/client-node";
import type { ControlPlane } from "./control-plane.ts";
import { KWOK_NODE_ANNOTATION } from "./kwok.ts";
import type { ManagedProcess } from "./processes.ts";
import { waitFor } from "./processes.ts";
import { loadKubeConfig } from "@homelab/toolbox/kube";

/** The one node of the sandbox. */
export const NODE_NAME = "sandbox-node";

/**
 * What the node offers the scheduler (capacity = allocatable): a homelab server with one
 * Intel and one NVIDIA GPU as device plugins advertise them. Pods beyond it stay Pending with
 * the scheduler's reason, e.g. `Insufficient nvidia.com/gpu`.
 */
export const DEFAULT_NODE_RESOURCES: Readonly<Record<string, string>> = {
  cpu: "8",
  memory: "32Gi",
  pods: "110",
  "ephemeral-storage": "100Gi",
  "gpu.intel.com/i915": "1",
  "nvidia.com/gpu": "1",
};

/** The Node object: labelled as k3s labels a server (helm-controller's Jobs prefer control-plane nodes). */
export function nodeManifest(resources: Readonly<Record<string, string>>): V1Node {
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name: NODE_NAME,
      annotations: { [KWOK_NODE_ANNOTATION]: "fake", "node.alpha.kubernetes.io/ttl": "0" },
      labels: {
        "kubernetes.io/arch": "amd64",
        "kubernetes.io/hostname": NODE_NAME,
        "kubernetes.io/os": "linux",
        "node-role.kubernetes.io/control-plane": "true",
        "node-role.kubernetes.io/master": "true",
        type: "kwok",
      },
    },
    status: { allocatable: { ...resources }, capacity: { ...resources } },
  };
}

/**
 * Creates the node and waits until it can take pods: kwok has made it Ready and
 * kube-controller-manager's node-lifecycle controller has removed the not-ready taint
 * the apiserver puts on every new Node.
 */
export async function createNode(
  cp: ControlPlane,
  resources: Readonly<Record<string, string>>,
  kwok: ManagedProcess,
): Promise<void> {
  const kc = loadKubeConfig(cp.kubeconfig);
  const core = kc.makeApiClient(CoreV1Api);
  await core.createNode({ body: nodeManifest(resources) });
  const node = () => core.readNode({ name: NODE_NAME });
  const ready = (n: V1Node) => n.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True");
  await waitFor(`node ${NODE_NAME} Ready (kwok)`, async () => Boolean(ready(await node())), 60_000, kwok);
  await waitFor(
    `node ${NODE_NAME} without taints (kube-controller-manager's node-lifecycle controller)`,
    async () => ((await node()).spec?.taints ?? []).length === 0,
    60_000,
  );
}
