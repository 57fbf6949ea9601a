import { CustomObjectsApi } from "@kubernetes/client-node";
import type { ControlPlane } from "./control-plane.ts";
import { NODE_NAME } from "./node.ts";
import { readyOrStopped, startProcess, stopProcess, waitFor } from "./processes.ts";
import { loadKubeConfig } from "@homelab/toolbox/kube";

/** k3s's helm-controller, running out of cluster against a control plane. */
export interface HelmControllerProcess {
  stop(): Promise<void>;
  log: string;
}

/**
 * Starts the real helm-controller as its own token user (it installs its CRDs) and waits
 * until HelmCharts are served. `nodeName` is the node it says it runs on (its events' host).
 */
export async function startHelmController(
  cp: ControlPlane,
  options: { nodeName?: string } = {},
): Promise<HelmControllerProcess> {
  const nodeName = options.nodeName ?? NODE_NAME;
  const kubeconfig = cp.kubeconfigFor("helm-controller");
  const p = startProcess(
    cp.dir,
    "helm-controller",
    "helm-controller",
    ["--kubeconfig", kubeconfig, "--node-name", nodeName],
    {
      NODE_NAME: nodeName,
    },
  );
  const kc = loadKubeConfig(cp.kubeconfig);
  const custom = kc.makeApiClient(CustomObjectsApi);
  const served = async () =>
    Boolean(
      await custom.listClusterCustomObject({ group: "helm.cattle.io", version: "v1", plural: "helmcharts" }),
    );
  await readyOrStopped(p, () => waitFor("helm-controller's HelmChart CRD", served, 60_000, p));
  return { log: p.log, stop: () => stopProcess(p) };
}
