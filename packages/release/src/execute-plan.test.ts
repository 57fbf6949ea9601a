import { ApiException } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { fakeKube } from "./cluster/fixtures/fake-cluster.ts";
import { loadFixtures } from "./cluster/fixtures/real-shapes.ts";
import type { HomelabConfig } from "./config/schema.ts";
import { executePlan } from "./execute-plan.ts";
import type { Plan, ServicePlan } from "./plan/plan-release.ts";

const unchanged = (service: string): ServicePlan => ({
  service,
  change: "unchanged",
  diff: [],
  secrets: [],
  secretReaders: {},
  namespace: service,
  workloads: [],
});

describe("executePlan", () => {
  it("fails only the service whose install Job cannot be read; the others are released", async () => {
    const objects = loadFixtures().find((f) => f.name === "install-complete")!.objects;
    const kube = fakeKube(objects);
    const read = kube.objects.read.bind(kube.objects);
    kube.objects.read = (async (header: { metadata?: { name?: string } }) => {
      if (header.metadata?.name === "helm-install-broken")
        throw new ApiException(
          500,
          "Internal Server Error",
          { message: "etcdserver: request timed out" },
          {},
        );
      return read(header as never);
    }) as typeof kube.objects.read;
    const plan: Plan = {
      helmChartNamespace: "kube-system",
      namespaces: [],
      services: [unchanged("broken"), unchanged("web")],
      components: [],
    };
    const config = { services: { broken: {}, web: {} } } as unknown as HomelabConfig;
    const summary = await executePlan(kube, plan, config, { wait: "install", timeoutMs: 2000, pollMs: 1 });
    expect(summary.ok).toBe(false);
    expect(summary.services.map((s) => [s.service, s.status, s.reason])).toEqual([
      [
        "broken",
        "failed",
        "cannot read install job kube-system/helm-install-broken: 500: etcdserver: request timed out",
      ],
      ["web", "unchanged", undefined],
    ]);
  });
});
