/**
 * "Released" means running, on the sandbox that runs workloads (kube-controller-manager,
 * kube-scheduler, a kwok node, the local-path provisioner): every pod ready and said so, and
 * when pods cannot run, the cause named from pod status and events; a failing install ends
 * in the cluster after the bounded number of attempts.
 */
import type { ControlPlane, Sandbox } from "@homelab/sandbox";
import { FAIL_ANNOTATION, startSandbox, waitFor } from "@homelab/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "../src/cluster/kube.ts";
import type { ReleaseSummary } from "../src/execute-plan.ts";
import { executePlan } from "../src/execute-plan.ts";
import { prepareRelease } from "../src/prepare-release.ts";
import { root, runCli, writeConfig } from "./helpers.ts";

const pod = (annotations: Record<string, string>) =>
  `{ controllers: { main: { pod: { annotations: ${JSON.stringify(annotations)} } } } }`;

describe("released means running (sandbox with a kwok node)", () => {
  let cluster: Sandbox;
  let cp: ControlPlane;
  const progress: string[] = [];
  const release = async (configText: string, timeoutMs = 120_000): Promise<ReleaseSummary> => {
    const { configFile } = writeConfig(configText);
    const prepared = await prepareRelease({ root, configFile, kubeconfig: cp.releaseKubeconfig, env: {} });
    return executePlan(prepared.kube, prepared.plan, prepared.config, {
      timeoutMs,
      onProgress: (s, m) => progress.push(`${s}: ${m}`),
    });
  };
  beforeAll(async () => {
    cluster = await startSandbox();
    cp = cluster.cp;
  }, 300_000);
  afterAll(async () => cluster?.stop());

  it("releases homelab.yaml until every pod is ready, says so per service, and carries ready/total in --json", async () => {
    const r = await runCli(["--kubeconfig", cp.releaseKubeconfig, "--json"]);
    expect(r.exitCode, r.all).toBe(0);
    const summary = JSON.parse(r.stdout) as ReleaseSummary;
    for (const s of summary.services) {
      expect(s.status, s.service).toBe("installed");
      expect(s.pods, s.service).toBeDefined();
      expect(s.pods!.total, s.service).toBeGreaterThan(0);
      expect(s.pods!.ready, s.service).toBe(s.pods!.total);
    }
    expect(r.stderr).toMatch(/jellyfin: 0\/1 pods ready/);
    expect(r.stderr).toMatch(/jellyfin: running \(1\/1 pods ready\)/);
    const kube = connect(cp.kubeconfig);
    const pods = await kube.core.listNamespacedPod({ namespace: "jellyfin" });
    expect(pods.items.map((p) => p.status?.phase)).toEqual(["Running"]);

    const again = await runCli(["--kubeconfig", cp.releaseKubeconfig]);
    expect(again.exitCode, again.all).toBe(0);
    expect(again.stdout).toMatch(/SERVICE\s+CHANGE\s+STATUS\s+READY\s+SECONDS/);
    expect(again.stdout).toMatch(/jellyfin\s+unchanged\s+ok unchanged\s+1\/1\s/);
    expect(again.stdout).toContain("All services released: every pod is ready.");

    const installOnly = await runCli(["--kubeconfig", cp.releaseKubeconfig, "--no-wait-ready"]);
    expect(installOnly.exitCode, installOnly.all).toBe(0);
    expect(installOnly.stdout).toMatch(/jellyfin\s+unchanged\s+ok unchanged\s+-\s/);
    expect(installOnly.stdout).toContain("All services released.");
    expect(installOnly.stderr).not.toMatch(/pods ready/);
  }, 900_000);

  it("fails at once on a crash loop and on an image that cannot be pulled, naming the cause; the others run", async () => {
    progress.length = 0;
    const summary = await release(`
services:
  uptime-kuma:
    namespace: crash
    values: ${pod({ [FAIL_ANNOTATION]: "CrashLoopBackOff" })}
  vaultwarden:
    namespace: pull
    values: ${pod({ [FAIL_ANNOTATION]: "ImagePullBackOff" })}
  ntfy: { namespace: fine }
`);
    const by = Object.fromEntries(summary.services.map((s) => [s.service, s]));
    expect(by["uptime-kuma"]).toMatchObject({ status: "failed", pods: { ready: 0, total: 1 } });
    expect(by["uptime-kuma"]!.reason).toMatch(/^pod uptime-kuma-\S+ container main: CrashLoopBackOff/);
    expect(by["vaultwarden"]!.reason).toMatch(/^pod vaultwarden-\S+ container main: ImagePullBackOff/);
    expect(by["ntfy"]).toMatchObject({ status: "installed", pods: { ready: 1, total: 1 } });
    expect(summary.ok).toBe(false);
  }, 300_000);

  it("names the scheduler's message, a Pending claim and an admission refusal when pods cannot start", async () => {
    const kube = connect(cp.kubeconfig);
    await kube.core.createNamespace({ body: { metadata: { name: "quota" } } });
    await kube.core.createNamespacedResourceQuota({
      namespace: "quota",
      body: { metadata: { name: "no-pods" }, spec: { hard: { pods: "0" } } },
    });
    const summary = await release(
      `
services:
  jellyfin:
    namespace: gpu
    values: { controllers: { main: { containers: { main: { resources: { requests: { gpu.intel.com/i915: "9" }, limits: { gpu.intel.com/i915: "9" } } } } } } }
  uptime-kuma:
    namespace: claims
    values: { persistence: { data: { storageClass: no-such-class } } }
  vaultwarden: { namespace: quota }
`,
      30_000,
    );
    const by = Object.fromEntries(summary.services.map((s) => [s.service, s]));
    expect(by["jellyfin"]!.reason).toMatch(
      /timed out with 0\/1 pods ready: pod jellyfin-\S+: Unschedulable: 0\/1 nodes are available: 1 Insufficient gpu\.intel\.com\/i915/,
    );
    expect(by["uptime-kuma"]!.reason).toMatch(
      /claim uptime-kuma-data is Pending \(storage class no-such-class\)/,
    );
    // Admission refused the pods: named at once (not at the timeout), with the apiserver's message.
    expect(by["vaultwarden"]!.reason).toMatch(
      /^(Deployment|ReplicaSet)\/vaultwarden\S*: FailedCreate: .*forbidden: exceeded quota: no-pods/,
    );
    expect(by["vaultwarden"]!.seconds).toBeLessThan(25);
    expect(progress.some((l) => /^jellyfin: 0\/1 pods ready \(pod jellyfin-\S+: Unschedulable/.test(l))).toBe(
      true,
    );
  }, 300_000);

  it("ends a failing install in the cluster after backOffLimit attempts (not hours of retries)", async () => {
    const summary = await release(`
services:
  paperless-ngx:
    backOffLimit: 2
    failurePolicy: retry
    values:
      rawResources:
        widget: { apiVersion: widgets.example.com/v1, kind: Widget, spec: { spec: { size: 1 } } }
`);
    const pl = summary.services.find((s) => s.service === "paperless-ngx")!;
    expect(pl.status).toBe("failed");
    expect(pl.reason).toMatch(/helm exited with code 1/);
    const kube = connect(cp.kubeconfig);
    const job = await kube.batch.readNamespacedJob({
      name: "helm-install-paperless-ngx",
      namespace: "kube-system",
    });
    expect(job.spec?.backoffLimit).toBe(2);
    const env = Object.fromEntries(
      (job.spec?.template.spec?.containers[0]?.env ?? []).map((e) => [e.name, e.value]),
    );
    expect(env).toMatchObject({ FAILURE_POLICY: "retry", TIMEOUT: "10m0s" });
    await waitFor(
      "the install Job to fail for good",
      async () => {
        const j = await kube.batch.readNamespacedJob({
          name: "helm-install-paperless-ngx",
          namespace: "kube-system",
        });
        return (j.status?.conditions ?? []).some((c) => c.type === "Failed" && c.status === "True");
      },
      180_000,
    );
    // The first attempt and backOffLimit retries: the job controller fails an OnFailure Job once
    // its pods' restart count reaches backoffLimit, when the last retry has started
    // (k8s.io/kubernetes v1.35.4 pkg/controller/job/job_controller.go pastBackoffLimitOnFailure).
    const attempts = cluster.runner.runs.filter((r) => r === "install paperless-ngx (failed)").length;
    expect(attempts).toBe(3);
    await new Promise((r) => setTimeout(r, 15_000));
    expect(cluster.runner.runs.filter((r) => r === "install paperless-ngx (failed)").length).toBe(3);
  }, 400_000);
});
