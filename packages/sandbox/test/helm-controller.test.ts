import { execFileSync } from "node:child_process";
import { join } from "node:path";
import type { V1Job, V1Pod } from "@kubernetes/client-node";
import { buildChart, buildInputOf, loadServicePackage, packageChart } from "@homelab/chart-kit";
import { findRepoRoot, findTool } from "@homelab/toolbox";
import { beforeAll, describe, expect, it } from "vitest";
import { COMPONENT_USERS, readAuditLog } from "../src/control-plane.ts";
import { CHART_LABEL } from "../src/helm-job-runner.ts";
import { connect, until } from "./cluster.ts";

const jobCondition = (job: V1Job, type: string) =>
  job.status?.conditions?.find((k) => k.type === type && k.status === "True");

describe("helm-controller's install Jobs: the real job controller runs them, the node stand-in runs helm", () => {
  const c = connect();
  let chartContent: string;
  beforeAll(async () => {
    const pkg = await loadServicePackage(join(findRepoRoot(process.cwd()), "apps", "uptime-kuma"));
    chartContent = packageChart("uptime-kuma", buildChart(buildInputOf(pkg))).toString("base64");
  });

  const helmChart = (name: string, spec: Record<string, unknown>) => ({
    apiVersion: "helm.cattle.io/v1",
    kind: "HelmChart",
    metadata: { name, namespace: "kube-system" },
    spec: { chartContent, createNamespace: true, ...spec },
  });
  const podsOf = async (job: string): Promise<V1Pod[]> =>
    (
      await c.core.listNamespacedPod({
        namespace: "kube-system",
        labelSelector: `batch.kubernetes.io/job-name=${job}`,
      })
    ).items;

  it("installs a chart: the Job completes, helm's output is the pod's termination message, the chart's pods run", async () => {
    const values =
      "ingress:\n  main:\n    hosts:\n      - host: status.test\n        paths: [{ path: /, service: { identifier: main, port: http } }]\n";
    await c.objects.create(
      helmChart("uptime-kuma", { targetNamespace: "monitoring", valuesContent: values }) as never,
    );
    const job = await until(
      "helm-install-uptime-kuma Complete",
      async () => {
        const j = await c.batch.readNamespacedJob({
          name: "helm-install-uptime-kuma",
          namespace: "kube-system",
        });
        return jobCondition(j, "Complete") && j;
      },
      120_000,
    );
    expect(job.metadata?.labels?.[CHART_LABEL]).toBe("uptime-kuma");
    expect(job.status?.succeeded).toBe(1);

    const [pod] = await podsOf("helm-install-uptime-kuma");
    expect(pod?.spec?.nodeName).toBe(c.nodeName);
    expect(pod?.status?.phase).toBe("Succeeded");
    const terminated = pod?.status?.containerStatuses?.[0]?.state?.terminated;
    expect(terminated).toMatchObject({ exitCode: 0, reason: "Completed" });
    expect(terminated?.message).toMatch(/STATUS: deployed/);

    const out = execFileSync(
      findTool("helm"),
      ["--kubeconfig", c.kubeconfig, "list", "-n", "monitoring", "-o", "json"],
      { encoding: "utf8" },
    );
    expect(JSON.parse(out)).toContainEqual(
      expect.objectContaining({ name: "uptime-kuma", status: "deployed" }),
    );
    const deployment = await until("uptime-kuma available", async () => {
      const d = await c.apps.readNamespacedDeployment({ name: "uptime-kuma", namespace: "monitoring" });
      return d.status?.availableReplicas === 1 && d;
    });
    const ingress = (await c.objects.read({
      apiVersion: "networking.k8s.io/v1",
      kind: "Ingress",
      metadata: { name: "uptime-kuma", namespace: "monitoring" },
    })) as unknown as {
      spec: { rules: { host: string }[] };
    };
    expect(ingress.spec.rules[0]?.host).toBe("status.test");
    expect(deployment.spec?.template.spec?.volumes?.some((v) => v.persistentVolumeClaim)).toBe(true);
    const claims = await c.core.listNamespacedPersistentVolumeClaim({ namespace: "monitoring" });
    expect(claims.items.map((k) => k.status?.phase)).toEqual(["Bound"]);

    // Who wrote what: the job controller the Job's status and pod, the stand-in only the pod's status,
    // helm as the Job's ServiceAccount.
    const events = readAuditLog(c.auditLog);
    const writers = (resource: string, subresource?: string, name?: string) =>
      new Set(
        events
          .filter((e) => ["create", "update", "patch"].includes(e.verb) && e.objectRef?.resource === resource)
          .filter((e) => e.objectRef?.subresource === subresource && (!name || e.objectRef?.name === name))
          .map((e) => e.user.username),
      );
    const kcm = COMPONENT_USERS["kube-controller-manager"].user;
    expect(writers("jobs", "status", "helm-install-uptime-kuma")).toEqual(new Set([kcm]));
    expect(writers("pods", undefined)).not.toContain(COMPONENT_USERS["node-standin"].user);
    expect(writers("pods", "status", pod!.metadata!.name)).toContain(COMPONENT_USERS["node-standin"].user);
    expect(writers("deployments", undefined)).toContain("system:serviceaccount:kube-system:helm-uptime-kuma");
  }, 150_000);

  it("stops retrying a failing chart after the HelmChart's backOffLimit: CrashLoopBackOff, then the Job fails", async () => {
    const broken =
      "rawResources:\n  widget: { apiVersion: widgets.example.com/v1, kind: Widget, spec: { spec: { size: 1 } } }\n";
    await c.objects.create(
      helmChart("broken", { targetNamespace: "broken", valuesContent: broken, backOffLimit: 2 }) as never,
    );
    const crashed = await until(
      "helm-install-broken's pod in CrashLoopBackOff",
      async () =>
        (await podsOf("helm-install-broken")).find(
          (p) => p.status?.containerStatuses?.[0]?.state?.waiting?.reason === "CrashLoopBackOff",
        ),
      90_000,
    );
    const status = crashed.status!.containerStatuses![0]!;
    expect(status.restartCount).toBe(1);
    expect(status.lastState?.terminated).toMatchObject({ exitCode: 1, reason: "Error" });
    expect(status.lastState?.terminated?.message).toMatch(/Widget/);
    // After the kubelet's back-off (10 s) helm runs again, fails again, and the job controller gives up.
    const started = Date.now();
    const failed = await until(
      "helm-install-broken Failed",
      async () =>
        jobCondition(
          await c.batch.readNamespacedJob({ name: "helm-install-broken", namespace: "kube-system" }),
          "Failed",
        ),
      90_000,
    );
    expect(failed.reason).toBe("BackoffLimitExceeded");
    expect(Date.now() - started).toBeGreaterThan(5_000);
  }, 200_000);
});
