import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { loadServicePackage, podSecurityLevel } from "@homelab/chart-kit";
import { findRepoRoot } from "@homelab/toolbox";
import type { KubernetesObject } from "@kubernetes/client-node";
import { ApiException, KubeConfig, KubernetesObjectApi } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ControlPlane } from "@homelab/sandbox";
import { startControlPlane } from "@homelab/sandbox";
import { podTemplateOf } from "../src/object-checks.ts";
import type { K8sObject } from "../src/render.ts";
import { renderChart } from "../src/render.ts";

const root = findRepoRoot(process.cwd());
const apps = readdirSync(join(root, "apps"))
  .filter((a) => existsSync(join(root, "apps", a, "package.json")))
  .sort();
const WORKLOADS = new Set(["Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob"]);

/**
 * The Pod a workload's controller would create from its template: a StatefulSet's claim
 * templates become the claims its controller would make, as volumes of the pod.
 */
function podOf(w: K8sObject, namespace: string): KubernetesObject {
  const template = podTemplateOf(w)!;
  const claims = (
    (w.spec as { volumeClaimTemplates?: { metadata: { name: string } }[] }).volumeClaimTemplates ?? []
  ).map((t) => ({
    name: t.metadata.name,
    persistentVolumeClaim: { claimName: `${t.metadata.name}-${w.metadata.name}-0` },
  }));
  const spec = { ...template.spec, volumes: [...(template.spec.volumes ?? []), ...claims] };
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { ...template.metadata, name: `${w.metadata.name}-dryrun`, namespace },
    spec,
  } as KubernetesObject;
}

describe("Pod Security admission by the real apiserver", () => {
  let cp: ControlPlane;
  let api: KubernetesObjectApi;
  beforeAll(async () => {
    cp = await startControlPlane();
    const kc = new KubeConfig();
    kc.loadFromFile(cp.kubeconfig);
    api = KubernetesObjectApi.makeApiClient(kc);
  }, 120_000);
  afterAll(async () => cp?.stop());

  /** Creates the chart's objects in a namespace enforcing `level`, then server-side dry-runs the pods; returns rejections. */
  async function admit(app: string, level: string, suffix: string): Promise<string[]> {
    const pkg = await loadServicePackage(join(root, "apps", app));
    const ns = `${app}-${suffix}`;
    await api.create({
      apiVersion: "v1",
      kind: "Namespace",
      metadata: {
        name: ns,
        labels: {
          "pod-security.kubernetes.io/enforce": level,
          "pod-security.kubernetes.io/enforce-version": "latest",
        },
      },
    });
    // No kube-controller-manager runs here, so the namespace's default ServiceAccount is made by hand.
    await api.create({
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: { name: "default", namespace: ns },
    });
    const objects = await renderChart(pkg.chartDir, { release: app, namespace: ns });
    for (const o of objects.filter((x) => !WORKLOADS.has(x.kind))) {
      await api.create(
        {
          ...o,
          metadata: { ...o.metadata, namespace: o.kind === "Namespace" ? undefined : ns },
        } as KubernetesObject,
        undefined,
        undefined,
        undefined,
      );
    }
    const rejections: string[] = [];
    for (const w of objects.filter((x) => WORKLOADS.has(x.kind))) {
      // Strict field validation: the real API schema checks every field of the rendered workload too.
      await api.create(
        { ...w, metadata: { ...w.metadata, namespace: ns } } as KubernetesObject,
        undefined,
        "All",
        undefined,
      );
      try {
        await api.create(podOf(w, ns), undefined, "All", undefined);
      } catch (e) {
        rejections.push(
          e instanceof ApiException
            ? String((JSON.parse(String(e.body)) as { message: string }).message)
            : String(e),
        );
      }
    }
    return rejections;
  }

  for (const app of apps) {
    it(`admits ${app}'s pods at the level its definition declares`, async () => {
      const pkg = await loadServicePackage(join(root, "apps", app));
      const level = podSecurityLevel(pkg.definition);
      expect(await admit(app, level, "declared")).toEqual([]);
      if (level !== "restricted") {
        // The exception is real: under restricted the same pods are refused, saying why.
        const refused = await admit(app, "restricted", "restricted");
        expect(refused.length).toBeGreaterThan(0);
        expect(refused[0]).toMatch(/violates PodSecurity "restricted:latest"/);
      }
    }, 60_000);
  }

  it("refuses a pod that breaks restricted (so the check above can fail)", async () => {
    await api.create({
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name: "strict", labels: { "pod-security.kubernetes.io/enforce": "restricted" } },
    });
    // No kube-controller-manager runs, so the namespace's default ServiceAccount is created by hand.
    await api.create({
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: { name: "default", namespace: "strict" },
    });
    const error = await api
      .create(
        {
          apiVersion: "v1",
          kind: "Pod",
          metadata: { name: "root", namespace: "strict" },
          spec: { containers: [{ name: "c", image: "busybox:1.36" }] },
        } as KubernetesObject,
        undefined,
        "All",
      )
      .catch((e: unknown) => e);
    expect(String((error as ApiException<string>).body)).toMatch(/allowPrivilegeEscalation != false/);
  });
});
