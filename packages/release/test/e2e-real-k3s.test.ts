/**
 * Opt-in end to end: the same release against a real k3s host. Runs only when
 * HOMELAB_E2E_CONFIG names a homelab config whose hosts are real machines you
 * own (k3s is installed on them over SSH). CI has no such host.
 */
import { describe, expect, it } from "vitest";
import { ensureK3s } from "../src/k3s/ensure-k3s.ts";
import { executePlan } from "../src/execute-plan.ts";
import { prepareRelease } from "../src/prepare-release.ts";
import { loadConfig } from "../src/config/load-config.ts";
import { loadAllServices } from "@homelab/chart-kit";
import { root } from "./helpers.ts";

const configFile = process.env.HOMELAB_E2E_CONFIG;

describe.runIf(configFile)("release against a real k3s host (HOMELAB_E2E_CONFIG)", () => {
  it("installs k3s and every enabled service", async () => {
    const config = loadConfig(configFile!, [...(await loadAllServices(root)).keys()]);
    const { kubeconfig } = await ensureK3s(config, { root, log: (l) => console.log(l) });
    const prepared = await prepareRelease({ root, configFile: configFile!, kubeconfig: kubeconfig! });
    const summary = await executePlan(prepared.kube, prepared.plan, prepared.config, {
      onProgress: (s, m) => console.log(`${s}: ${m}`),
    });
    expect(summary.services.filter((s) => s.status === "failed")).toEqual([]);
  }, 1_800_000);
});
