import { readFileSync } from "node:fs";
import { findTool } from "@homelab/toolbox";
import { execa } from "execa";
import type { ControlPlane } from "./control-plane.ts";
import { startProcess, stopProcess, waitFor } from "./processes.ts";

/** k3s's helm-controller, running out of cluster against a control plane. */
export interface HelmControllerProcess {
  stop(): Promise<void>;
  log: string;
}

/** Starts the real helm-controller (it installs its CRDs) and waits until HelmChart is served. */
export async function startHelmController(cp: ControlPlane): Promise<HelmControllerProcess> {
  const p = startProcess(cp.dir, "helm-controller", "helm-controller", ["--kubeconfig", cp.kubeconfig, "--node-name", "homelab-standin-node"], {
    NODE_NAME: "homelab-standin-node",
  });
  const helm = findTool("helm");
  await waitFor(
    "helm-controller's HelmChart CRD",
    async () => (await execa(helm, ["--kubeconfig", cp.kubeconfig, "version"], { reject: false })).exitCode === 0 &&
      (await execa("curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "-k", "-H", `Authorization: Bearer ${tokenOf(cp)}`, `${cp.server}/apis/helm.cattle.io/v1/helmcharts`], { reject: false })).stdout === "200",
    60_000,
    p,
  );
  return { log: p.log, stop: () => stopProcess(p) };
}

function tokenOf(cp: ControlPlane): string {
  return /token: (\S+)/.exec(readFileSync(cp.kubeconfig, "utf8"))![1]!;
}
