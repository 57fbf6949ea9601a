import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { KubeConfig, KubernetesObjectApi } from "@kubernetes/client-node";
import { buildChart, buildInputOf, loadServicePackage, packageChart } from "@homelab/chart-kit";
import { findRepoRoot, findTool } from "@homelab/toolbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ControlPlane } from "../src/control-plane.ts";
import { waitFor } from "../src/processes.ts";
import type { HelmJobRunner } from "../src/helm-job-runner.ts";
import type { Sandbox } from "../src/sandbox.ts";
import { startSandbox } from "../src/sandbox.ts";

describe("helm-controller on the test control plane", () => {
  let cluster: Sandbox;
  let cp: ControlPlane;
  let runner: HelmJobRunner;
  beforeAll(async () => {
    cluster = await startSandbox();
    ({ cp, runner } = cluster);
  }, 180_000);
  afterAll(async () => cluster?.stop());

  it("installs a HelmChart with chartContent through its Job", async () => {
    const pkg = await loadServicePackage(join(findRepoRoot(process.cwd()), "apps", "uptime-kuma"));
    const tgz = packageChart("uptime-kuma", buildChart(buildInputOf(pkg)));
    const manifest = {
      apiVersion: "helm.cattle.io/v1",
      kind: "HelmChart",
      metadata: { name: "uptime-kuma", namespace: "kube-system" },
      spec: { chartContent: tgz.toString("base64"), targetNamespace: "monitoring", createNamespace: true, valuesContent: "ingress:\n  main:\n    host: status.test\n" },
    };
    const kc = new KubeConfig();
    kc.loadFromFile(cp.kubeconfig);
    const api = KubernetesObjectApi.makeApiClient(kc);
    await api.create(manifest);
    await waitFor("the uptime-kuma release", async () => {
      const out = execFileSync(findTool("helm"), ["--kubeconfig", cp.kubeconfig, "list", "-n", "monitoring", "-o", "json"], { encoding: "utf8" });
      return runner.runs.includes("install uptime-kuma") && (JSON.parse(out) as { name: string; status: string }[]).some((r) => r.name === "uptime-kuma" && r.status === "deployed");
    }, 90_000);
    const chart = (await api.read({ apiVersion: "helm.cattle.io/v1", kind: "HelmChart", metadata: { name: "uptime-kuma", namespace: "kube-system" } })) as { status?: { jobName?: string } };
    expect(chart.status?.jobName).toBe("helm-install-uptime-kuma");
  }, 120_000);
});
