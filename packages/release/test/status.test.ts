/**
 * `homelab-release status` on the sandbox (control plane, controller-manager, scheduler, kwok
 * nodes, local-path provisioner): services from fixture charts (a loopback Helm repository),
 * installed by the real helm-controller, read back as the status command reads any cluster.
 * A healthy service, a crash-looping one (kwok fails its pod), a Pending one (it asks for a GPU
 * no node has), a failing install and drift.
 */
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Sandbox } from "@homelab/sandbox";
import { startSandbox } from "@homelab/sandbox";
import { FAIL_ANNOTATION } from "@homelab/sandbox";
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
import { execa } from "execa";
import { cli, releaseWrites, root, runCli, writeConfig } from "./helpers.ts";
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
        "crd-app": {
          namespace: "status",
          chart: { repo: `${repo.url}/public`, name: "crd-app", version: versions.crdApp ?? "1.0.0" },
        },
        // Healthy: a Deployment whose pod runs, a claim, an Ingress.
        "web-app": {
          namespace: "web",
          chart: { repo: `${repo.url}/public`, name: "web-app", version: "2.0.0" },
        },
        // Its container crashes again and again.
        crashing: {
          namespace: "web",
          chart: { repo: `${repo.url}/public`, name: "web-app", version: "2.0.0" },
          values: { podAnnotations: { [FAIL_ANNOTATION]: "CrashLoopBackOff" } },
        },
        // Its pod asks for two GPUs; the node has one: the scheduler leaves it Pending.
        pending: {
          namespace: "web",
          chart: { repo: `${repo.url}/public`, name: "web-app", version: "2.0.0" },
          values: { extraResources: { "nvidia.com/gpu": "2" } },
        },
        // An install that fails in the cluster (the apiserver refuses the ConfigMap's name).
        broken: {
          namespace: "status",
          chart: { repo: `${repo.url}/public`, name: "crd-app", version: "1.0.0" },
          values: { configName: "Not_Valid" },
        },
      },
      release: { timeoutSeconds: 60, backOffLimit: 1 },
    });
  const status = async (): Promise<HomelabStatus> => {
    const c = loadConfig(configFile, []);
    return readStatus(connect(cluster.kubeconfig), desiredServices(c, new Map()), "kube-system");
  };
  const row = (s: HomelabStatus, name: string): ServiceStatus => s.services.find((x) => x.service === name)!;
  /** The service's status once `ready` says it has settled (pods start, crash, are scheduled or not). */
  const settled = async (name: string, ready: (r: ServiceStatus) => boolean): Promise<ServiceStatus> => {
    let last: ServiceStatus | undefined;
    for (
      const deadline = Date.now() + 60_000;
      Date.now() < deadline;
      await new Promise((r) => setTimeout(r, 500))
    ) {
      last = row(await status(), name);
      if (ready(last)) return last;
    }
    return last!;
  };

  beforeAll(async () => {
    repo = await startLoopbackRepository(
      [
        ["crd-app", "1.0.0"],
        ["crd-app", "1.1.0"],
        ["web-app", "2.0.0"],
      ],
      { user: "u", password: "p" },
    );
    cluster = await startSandbox();
    ({ configFile } = writeConfig(config()));
    const prepared = await prepareRelease({
      root: NO_APPS,
      configFile,
      kubeconfig: cluster.kubeconfig,
      env: {},
    });
    const summary = await executePlan(prepared.kube, prepared.plan, prepared.config, {
      wait: "install",
      timeoutMs: 60_000,
      pollMs: 200,
    });
    expect(summary.services.map((s) => [s.service, s.status])).toEqual([
      ["broken", "failed"],
      ["crashing", "installed"],
      ["crd-app", "installed"],
      ["pending", "installed"],
      ["web-app", "installed"],
    ]);
  }, 240_000);
  afterAll(async () => {
    await cluster?.stop();
    repo?.close();
  });

  it("shows a healthy service: versions, HelmChart, install Job, pods, claims and their size, URLs, Pod Security", async () => {
    const web = await settled("web-app", (r) => r.healthy);
    expect(web).toMatchObject({
      namespace: "web",
      source: `${repo.url}/public web-app`,
      desiredVersion: "2.0.0",
      deployedVersion: "2.0.0",
      release: { revision: 1, status: "deployed", byHelmController: true },
      helmChart: "present",
      installJob: "complete",
      pods: { ready: 1, total: 1, restarts: 0 },
      claims: [{ name: "web-app-data", phase: "Bound", size: "64Mi" }],
      urls: ["https://web.example.test/"],
      podSecurity: "restricted",
      drift: [],
      problems: [],
      healthy: true,
    });
    expect(row(await status(), "crd-app")).toMatchObject({
      deployedVersion: "1.0.0",
      pods: { ready: 0, total: 0 },
      healthy: true,
    });
    // Status only reads.
    const before = releaseWrites(cluster.cp.auditEvents()).length;
    await status();
    expect(releaseWrites(cluster.cp.auditEvents()).slice(before)).toEqual([]);
  }, 120_000);

  it("names a crash-looping service: its pod, container and restarts", async () => {
    const crashing = await settled("crashing", (r) => r.problems.some((p) => p.includes("CrashLoopBackOff")));
    expect(crashing.healthy).toBe(false);
    expect(crashing.pods.ready).toBe(0);
    expect(crashing.pods.restarts).toBeGreaterThan(0);
    expect(crashing.problems).toContainEqual(
      expect.stringMatching(/^0\/1 pods ready: pod crashing-[\w-]+ container web: CrashLoopBackOff/),
    );
  }, 120_000);

  it("names a Pending service: the scheduler's reason, and its claim waiting for the pod", async () => {
    const pending = await settled("pending", (r) => r.problems.some((p) => p.includes("Unschedulable")));
    expect(pending.healthy).toBe(false);
    expect(pending.pods).toEqual({ ready: 0, total: 1, restarts: 0 });
    expect(pending.problems).toContainEqual(
      expect.stringMatching(
        /^0\/1 pods ready: pod pending-[\w-]+: Unschedulable: .*Insufficient nvidia\.com\/gpu/,
      ),
    );
    expect(pending.claims).toEqual([{ name: "pending-data", phase: "Pending", size: "64Mi" }]);
    expect(pending.problems).toContain("claims not bound: pending-data (Pending)");
  }, 120_000);

  it("names a failing install: its Job and its helm release", async () => {
    // The failed run's helm release record lands a moment after the install pod's exit: wait for both.
    const broken = await settled("broken", (r) => r.problems.includes("helm release revision 1 is failed"));
    expect(broken.healthy).toBe(false);
    expect(broken.installJob).toMatch(/^(failing: helm exited 1, \d+ restarts|failed: .*)$/);
    expect(broken.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^install job (failing|failed)/),
        "helm release revision 1 is failed",
      ]),
    );
  }, 60_000);

  it("reports drift: a HelmChart value changed by kubectl edit, with its field manager", async () => {
    const kube = connect(cluster.cp.kubeconfig);
    await kube.objects.patch(
      {
        apiVersion: "helm.cattle.io/v1",
        kind: "HelmChart",
        metadata: { name: "crd-app", namespace: "kube-system" },
        spec: { valuesContent: "greeting: edited by hand\n" },
      } as never,
      undefined,
      undefined,
      "kubectl-edit",
      undefined,
      PatchStrategy.MergePatch,
    );
    const crd = row(await status(), "crd-app");
    expect(crd.healthy).toBe(false);
    expect(crd.drift).toEqual([
      expect.objectContaining({ field: "spec.valuesContent", manager: "kubectl-edit", operation: "Update" }),
    ]);
    expect(crd.problems).toContainEqual(
      expect.stringMatching(
        /^changed outside homelab-release: spec\.valuesContent changed by kubectl-edit \(Update, \d{4}-/,
      ),
    );
  }, 60_000);

  it("the CLI prints one row per service and exits 1 naming the unhealthy ones; --json carries the same", async () => {
    // helm-controller re-runs crd-app's install after the edit above, as the real one does: wait for it.
    const crd = await settled("crd-app", (r) => r.installJob === "complete");
    expect(crd.installJob).toBe("complete");
    ({ configFile } = writeConfig(config({ crdApp: "1.1.0" })));
    const text = await runCli(["status", "--config", configFile, "--kubeconfig", cluster.kubeconfig]);
    expect(text.exitCode).toBe(1);
    expect(text.stdout).toMatch(
      /^SERVICE +NAMESPACE +CHART want\/have +HELMCHART +INSTALL JOB +PODS +RESTARTS +CLAIMS +POD SECURITY +STATE$/m,
    );
    expect(text.stdout).toMatch(
      /^crd-app +status +1\.1\.0\/1\.0\.0 +present +complete +0\/0 +0 +- +restricted +UNHEALTHY$/m,
    );
    expect(text.stdout).toContain("  UNHEALTHY: deployed chart 1.0.0, the config wants 1.1.0");
    expect(text.stdout).toContain("  url: https://web.example.test/");
    expect(text.stdout).toMatch(
      /^web-app +web +2\.0\.0\/2\.0\.0 +present +complete +1\/1 +0 +1\/1 bound +restricted +ok$/m,
    );
    expect(text.stdout).toContain("4 service(s) unhealthy: broken, crashing, crd-app, pending.");
    const json = await runCli([
      "status",
      "--config",
      configFile,
      "--kubeconfig",
      cluster.kubeconfig,
      "--json",
    ]);
    expect(json.exitCode).toBe(1);
    const parsed = JSON.parse(json.stdout) as HomelabStatus;
    expect(parsed.unhealthy).toEqual(["broken", "crashing", "crd-app", "pending"]);
    expect(parsed.services.map((s) => [s.service, s.desiredVersion, s.deployedVersion, s.healthy])).toEqual([
      ["broken", "1.0.0", null, false],
      ["crashing", "2.0.0", "2.0.0", false],
      ["crd-app", "1.1.0", "1.0.0", false],
      ["pending", "2.0.0", "2.0.0", false],
      ["web-app", "2.0.0", "2.0.0", true],
    ]);
  }, 120_000);

  it("--watch refreshes until Ctrl-C, one JSON document per refresh with --json", async () => {
    const proc = execa(
      "node",
      [
        cli,
        "status",
        "--config",
        configFile,
        "--kubeconfig",
        cluster.kubeconfig,
        "--watch",
        "--interval",
        "1",
        "--json",
      ],
      { cwd: root, reject: false },
    );
    let out = "";
    proc.stdout!.on("data", (d: Buffer) => (out += d.toString()));
    for (
      const deadline = Date.now() + 60_000;
      out.split("\n").filter(Boolean).length < 2 && Date.now() < deadline;
    )
      await new Promise((r) => setTimeout(r, 200));
    proc.kill("SIGINT");
    const ended = await proc;
    const docs = out
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as HomelabStatus);
    expect(docs.length).toBeGreaterThanOrEqual(2);
    expect(docs.every((d) => d.unhealthy.join(",") === "broken,crashing,crd-app,pending")).toBe(true);
    expect(ended.exitCode).toBe(1);
  }, 120_000);
});
