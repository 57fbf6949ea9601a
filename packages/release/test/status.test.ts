/**
 * `homelab-release status` on the test control plane: services from fixture charts (a
 * loopback Helm repository), installed by the real helm-controller, read back as the status
 * command reads any cluster.
 */
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Sandbox } from "@homelab/sandbox";
import { startSandbox } from "@homelab/sandbox";
import { PatchStrategy } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { connect } from "../src/cluster/kube.ts";
import { loadConfig } from "../src/config/load-config.ts";
import { executePlan } from "../src/execute-plan.ts";
import { prepareRelease } from "../src/prepare-release.ts";
import { desiredServices } from "../src/status/desired-services.ts";
import type { HomelabStatus, ServiceStatus } from "../src/status/read-status.ts";
import { readStatus } from "../src/status/read-status.ts";
import { releaseWrites, runCli, writeConfig } from "./helpers.ts";
import type { LoopbackRepository } from "./loopback-repository.ts";
import { startLoopbackRepository } from "./loopback-repository.ts";

const NO_APPS = mkdtempSync(join(tmpdir(), "status-only-"));
mkdirSync(join(NO_APPS, "apps"));

describe("status on the test control plane (real apiserver and helm-controller)", () => {
  let cluster: Sandbox;
  let repo: LoopbackRepository;
  let configFile: string;

  const config = (versions: { crdApp?: string } = {}) =>
    YAML.stringify({
      services: {
        // Healthy: installed, nothing to wait for.
        "crd-app": { namespace: "status", chart: { repo: `${repo.url}/public`, name: "crd-app", version: versions.crdApp ?? "1.0.0" } },
        // A Deployment whose pod does not run, a claim, an Ingress.
        "web-app": { namespace: "web", chart: { repo: `${repo.url}/public`, name: "web-app", version: "2.0.0" } },
        // An install that fails in the cluster (the apiserver refuses the ConfigMap's name).
        broken: { namespace: "status", chart: { repo: `${repo.url}/public`, name: "crd-app", version: "1.0.0" }, values: { configName: "Not_Valid" } },
      },
      release: { timeoutSeconds: 60, backOffLimit: 1 },
    });
  const status = async (): Promise<HomelabStatus> => {
    const c = loadConfig(configFile, []);
    return readStatus(connect(cluster.kubeconfig), desiredServices(c, new Map()), "kube-system");
  };
  const row = (s: HomelabStatus, name: string): ServiceStatus => s.services.find((x) => x.service === name)!;

  beforeAll(async () => {
    repo = await startLoopbackRepository([["crd-app", "1.0.0"], ["crd-app", "1.1.0"], ["web-app", "2.0.0"]], { user: "u", password: "p" });
    cluster = await startSandbox();
    ({ configFile } = writeConfig(config()));
    const prepared = await prepareRelease({ root: NO_APPS, configFile, kubeconfig: cluster.kubeconfig, env: {} });
    const summary = await executePlan(prepared.kube, prepared.plan, prepared.config, { wait: "install", timeoutMs: 60_000, pollMs: 200 });
    expect(summary.services.map((s) => [s.service, s.status])).toEqual([
      ["broken", "failed"],
      ["crd-app", "installed"],
      ["web-app", "installed"],
    ]);
  }, 240_000);
  afterAll(async () => {
    await cluster?.stop();
    repo?.close();
  });

  it("shows a healthy service: versions, HelmChart, install Job, Pod Security", async () => {
    const before = releaseWrites(cluster.cp.auditEvents()).length;
    const s = await status();
    expect(row(s, "crd-app")).toMatchObject({
      namespace: "status",
      source: `${repo.url}/public crd-app`,
      desiredVersion: "1.0.0",
      deployedVersion: "1.0.0",
      release: { revision: 1, status: "deployed", byHelmController: true },
      helmChart: "present",
      installJob: "complete",
      pods: { ready: 0, total: 0, restarts: 0 },
      claims: [],
      podSecurity: "restricted",
      drift: [],
      problems: [],
      healthy: true,
    });
    // Status only reads.
    expect(releaseWrites(cluster.cp.auditEvents()).slice(before)).toEqual([]);
  }, 60_000);

  it("names why a service is unhealthy: pods not ready, a claim not bound; and shows its URL and claim size", async () => {
    const web = row(await status(), "web-app");
    expect(web).toMatchObject({ deployedVersion: "2.0.0", installJob: "complete", pods: { ready: 0, total: 1 }, urls: ["https://web.example.test/"], healthy: false });
    expect(web.claims).toEqual([{ name: "web-app-data", phase: "Pending", size: "64Mi" }]);
    expect(web.problems).toEqual(expect.arrayContaining([expect.stringMatching(/^0\/1 pods ready: /), "claims not bound: web-app-data (Pending)"]));
  }, 60_000);

  it("names a failing install: its Job and its helm release", async () => {
    const broken = row(await status(), "broken");
    expect(broken.healthy).toBe(false);
    expect(broken.installJob).toMatch(/^(failing: helm exited 1, \d+ restarts|failed: .*)$/);
    expect(broken.problems).toEqual(expect.arrayContaining([expect.stringMatching(/^install job (failing|failed)/), "helm release revision 1 is failed"]));
  }, 60_000);

  it("reports drift: a HelmChart value changed by kubectl edit, with its field manager", async () => {
    const kube = connect(cluster.cp.kubeconfig);
    await kube.objects.patch(
      { apiVersion: "helm.cattle.io/v1", kind: "HelmChart", metadata: { name: "crd-app", namespace: "kube-system" }, spec: { valuesContent: "greeting: edited by hand\n" } } as never,
      undefined,
      undefined,
      "kubectl-edit",
      undefined,
      PatchStrategy.MergePatch,
    );
    const crd = row(await status(), "crd-app");
    expect(crd.healthy).toBe(false);
    expect(crd.drift).toEqual([expect.objectContaining({ field: "spec.valuesContent", manager: "kubectl-edit", operation: "Update" })]);
    expect(crd.problems).toContainEqual(expect.stringMatching(/^changed outside homelab-release: spec\.valuesContent changed by kubectl-edit \(Update, \d{4}-/));
  }, 60_000);

  it("the CLI prints one row per service and exits 1 naming the unhealthy ones; --json carries the same", async () => {
    ({ configFile } = writeConfig(config({ crdApp: "1.1.0" })));
    const text = await runCli(["status", "--config", configFile, "--kubeconfig", cluster.kubeconfig]);
    expect(text.exitCode).toBe(1);
    expect(text.stdout).toMatch(/^SERVICE +NAMESPACE +CHART want\/have +HELMCHART +INSTALL JOB +PODS +RESTARTS +CLAIMS +POD SECURITY +STATE$/m);
    expect(text.stdout).toMatch(/^crd-app +status +1\.1\.0\/1\.0\.0 +present +complete +0\/0 +0 +- +restricted +UNHEALTHY$/m);
    expect(text.stdout).toContain("  UNHEALTHY: deployed chart 1.0.0, the config wants 1.1.0");
    expect(text.stdout).toContain("  url: https://web.example.test/");
    expect(text.stdout).toContain("3 service(s) unhealthy: broken, crd-app, web-app.");
    const json = await runCli(["status", "--config", configFile, "--kubeconfig", cluster.kubeconfig, "--json"]);
    expect(json.exitCode).toBe(1);
    const parsed = JSON.parse(json.stdout) as HomelabStatus;
    expect(parsed.unhealthy).toEqual(["broken", "crd-app", "web-app"]);
    expect(parsed.services.map((s) => [s.service, s.desiredVersion, s.deployedVersion])).toEqual([
      ["broken", "1.0.0", null],
      ["crd-app", "1.1.0", "1.0.0"],
      ["web-app", "2.0.0", "2.0.0"],
    ]);
  }, 120_000);
});
