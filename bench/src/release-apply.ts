import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildChart, chartArchiveName, packageChart } from "@homelab/chart-kit";
import { findTool } from "@homelab/toolbox";
import type { HomelabConfig } from "@homelab/release";
import { checkServices, connect, executePlan, planRelease, serverSideApply } from "@homelab/release";
import type { ControlPlane } from "@homelab/sandbox";
import { isWrite, startControlPlane, startHelmController, startSandbox } from "@homelab/sandbox";
import { execa } from "execa";
import { fixtureDefinitions, fixturePackages } from "./fixture.ts";
import type { Figure } from "./measure.ts";
import { figure, round, seconds } from "./measure.ts";

const releaseEvents = (cp: ControlPlane, from: number) =>
  cp
    .auditEvents()
    .slice(from)
    .filter((e) => e.user.username === "homelab-release");

/** Plans and applies N fixture services (HelmCharts, namespaces) with the release's executePlan, not waiting for install Jobs. */
async function applyFixtures(
  cp: ControlPlane,
  count: number,
  prefix: string,
): Promise<{ seconds: number; requests: number; writes: number }> {
  const kube = connect(cp.releaseKubeconfig);
  const hcNamespace = `${prefix}-charts`;
  await serverSideApply(kube, { apiVersion: "v1", kind: "Namespace", metadata: { name: hcNamespace } });
  const packages = fixturePackages(count, "/bench");
  const config: HomelabConfig = {
    services: Object.fromEntries([...packages.keys()].map((n) => [n, { namespace: `${prefix}-${n}` }])),
    release: { helmChartNamespace: hcNamespace, concurrency: 8 },
  };
  // The config check (every chart rendered by helm) runs before any cluster is involved; it is not timed here.
  const checked = await checkServices({ config, packages, file: "bench", env: {} });
  const before = cp.auditEvents().length;
  const [s] = await seconds(async () => {
    const plan = await planRelease(kube, checked);
    const summary = await executePlan(kube, plan, config, { wait: "none" });
    if (!summary.ok)
      throw new Error(
        `apply failed: ${JSON.stringify(summary.services.filter((r) => r.status === "failed"))}`,
      );
  });
  await new Promise((r) => setTimeout(r, 300));
  const events = releaseEvents(cp, before);
  return { seconds: s, requests: events.length, writes: events.filter(isWrite).length };
}

/**
 * Release: 50 services applied as HelmCharts (our tool) against sequential
 * `helm upgrade --install` of the same 50 charts by the real helm, both on
 * the test control plane; a no-op re-release; growth from 10 to 50 to 100.
 */
export async function benchRelease(): Promise<Figure[]> {
  const cp = await startControlPlane();
  // helm-controller installs its CRDs; it is stopped again so no install Jobs run (apply only is measured).
  await (await startHelmController(cp)).stop();
  const dir = mkdtempSync(join(tmpdir(), "bench-release-"));
  try {
    const figures: Figure[] = [];
    const first = await applyFixtures(cp, 50, "r50");
    const helm = findTool("helm");
    const archives = fixtureDefinitions(50).map((definition) => {
      const file = join(dir, chartArchiveName(definition.name, "1.0.0"));
      writeFileSync(file, packageChart(definition.name, buildChart({ definition, version: "1.0.0" })));
      return { name: definition.name, file };
    });
    const [helmSeconds] = await seconds(async () => {
      for (const a of archives)
        await execa(helm, [
          "upgrade",
          "--install",
          a.name,
          a.file,
          "--namespace",
          `h50-${a.name}`,
          "--create-namespace",
          "--kubeconfig",
          cp.kubeconfig,
        ]);
    });
    figures.push(
      figure({
        figure: "release 50 services (apply)",
        ours: first.seconds,
        unit: "s",
        baseline: helmSeconds,
        baselineName: "helm upgrade --install x50",
        target: "< 10 s",
        met: first.seconds < 10,
      }),
    );
    figures.push(
      figure({
        figure: "API requests per service (first release)",
        ours: first.requests / 50,
        unit: "req",
        baseline: null,
        baselineName: "-",
        target: "report",
        met: true,
      }),
    );
    const again = await applyFixtures(cp, 50, "r50");
    figures.push(
      figure({
        figure: "no-op re-release of 50: write requests",
        ours: again.writes,
        unit: "writes",
        baseline: first.writes,
        baselineName: "first release's writes",
        target: "0",
        met: again.writes === 0,
      }),
    );
    figures.push(
      figure({
        figure: "no-op re-release of 50: time",
        ours: again.seconds,
        unit: "s",
        baseline: first.seconds,
        baselineName: "first release",
        target: "< 2 s",
        met: again.seconds < 2,
      }),
    );
    const growth: Record<number, number> = {};
    for (const n of [10, 50, 100]) growth[n] = (await applyFixtures(cp, n, `g${n}`)).seconds;
    const perService = (n: number) => growth[n]! / n;
    figures.push(
      figure({
        figure: "apply time per service at 100 vs 10",
        ours: perService(100) * 1000,
        unit: "ms",
        baseline: perService(10) * 1000,
        baselineName: "per service at 10",
        target: "linear or better (ratio <= 1.5)",
        met: perService(100) / perService(10) <= 1.5,
      }),
    );
    figures.push(
      figure({
        figure: "apply 10 / 50 / 100 services",
        ours: growth[100]!,
        unit: "s",
        baseline: growth[10]!,
        baselineName: `10: ${round(growth[10]!)} s, 50: ${round(growth[50]!)} s`,
        target: "report",
        met: true,
      }),
    );
    await cp.stop();
    // The bare control plane is stopped first: the sandbox below gets the machine to itself.
    figures.push(...(await benchUntilReady(archives)));
    return figures;
  } finally {
    await cp.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The fixture charts' archives, for the helm baseline. */
type Archives = { name: string; file: string }[];

/**
 * Release until running: 50 services by our tool (config check with helm template, plan,
 * namespaces, HelmCharts, helm-controller's install Jobs, then every pod Ready) against
 * sequential `helm upgrade --install --wait` of the same 50 charts, on the same sandbox (real
 * controller-manager and scheduler, a kwok node) in the same run; then the no-op re-release.
 */
async function benchUntilReady(archives: Archives): Promise<Figure[]> {
  // Room on the one node for both runs' pods (ours and the baseline's stay side by side).
  const sandbox = await startSandbox({ nodeResources: { pods: "1000", cpu: "64", memory: "256Gi" } });
  try {
    const cp = sandbox.cp;
    const kube = connect(sandbox.kubeconfig);
    const packages = fixturePackages(archives.length, "/bench");
    const config: HomelabConfig = {
      services: Object.fromEntries([...packages.keys()].map((n) => [n, { namespace: `ready-${n}` }])),
      release: { concurrency: 8, timeoutSeconds: 900 },
    };
    const release = async () => {
      const before = cp.auditEvents().length;
      const [s, summary] = await seconds(async () => {
        const checked = await checkServices({ config, packages, file: "bench", env: {} });
        return executePlan(kube, await planRelease(kube, checked), config, {});
      });
      if (!summary.ok)
        throw new Error(
          `release failed: ${JSON.stringify(summary.services.filter((r) => r.status === "failed"))}`,
        );
      const pods = summary.services.reduce((n, r) => n + (r.pods?.total ?? 0), 0);
      await new Promise((r) => setTimeout(r, 300));
      return { seconds: s, pods, writes: releaseEvents(cp, before).filter(isWrite).length };
    };
    const ours = await release();
    process.stderr.write(
      `bench: released ${archives.length} services until Ready in ${round(ours.seconds)} s\n`,
    );
    const helm = findTool("helm");
    const [helmSeconds] = await seconds(async () => {
      for (const a of archives) {
        // Release `w-<name>`: the charts' cluster-scoped objects (ClusterRoles) are named after the release.
        await execa(helm, [
          "upgrade",
          "--install",
          "--wait",
          "--timeout",
          "10m",
          `w-${a.name}`,
          a.file,
          "--namespace",
          `wait-${a.name}`,
          "--create-namespace",
          "--kubeconfig",
          cp.kubeconfig,
        ]);
      }
    });
    process.stderr.write(
      `bench: helm upgrade --install --wait x${archives.length} in ${round(helmSeconds)} s\n`,
    );
    const again = await release();
    return [
      figure({
        figure: `release ${archives.length} services until every pod is Ready (${ours.pods} pods)`,
        ours: ours.seconds,
        unit: "s",
        baseline: helmSeconds,
        baselineName: `helm upgrade --install --wait x${archives.length}`,
        target: ">= 3x faster",
        met: ours.seconds * 3 <= helmSeconds,
      }),
      figure({
        figure: "no-op re-release until Ready: write requests",
        ours: again.writes,
        unit: "writes",
        baseline: ours.writes,
        baselineName: "first release's writes",
        target: "0",
        met: again.writes === 0,
      }),
    ];
  } finally {
    await sandbox.stop();
  }
}
