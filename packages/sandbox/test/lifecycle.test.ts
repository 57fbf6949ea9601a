import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { CoreV1Api, KubeConfig } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMPONENT_USERS } from "../src/control-plane.ts";
import { CONTROLLERS } from "../src/controller-manager.ts";
import type { Sandbox } from "../src/sandbox.ts";
import { startSandbox } from "../src/sandbox.ts";

describe("the sandbox starts every component, each its own user, and stops them all", () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
    console.log(`sandbox startup (ms since start): ${JSON.stringify(sandbox.startupMs)}`);
  }, 180_000);
  afterAll(async () => sandbox?.stop());

  it("reports when each part was ready", () => {
    const parts = ["kube-apiserver", "kube-controller-manager", "kube-scheduler", "kwok", "node"];
    for (const part of [...parts, "helm-controller", "local-path-provisioner", "total"]) {
      expect(sandbox.startupMs[part], part).toBeGreaterThan(0);
      expect(sandbox.startupMs[part], part).toBeLessThanOrEqual(sandbox.startupMs.total!);
    }
  });

  it("has one schedulable node with the GPUs as extended resources", async () => {
    const kc = new KubeConfig();
    kc.loadFromFile(sandbox.cp.kubeconfig);
    const node = await kc.makeApiClient(CoreV1Api).readNode({ name: sandbox.nodeName });
    expect(node.status?.allocatable).toMatchObject({
      "nvidia.com/gpu": "1",
      "gpu.intel.com/i915": "1",
      pods: "110",
    });
    expect(node.status?.conditions?.find((c) => c.type === "Ready")?.status).toBe("True");
    expect(node.spec?.taints ?? []).toEqual([]);
  });

  it("tells the components apart in the audit log", async () => {
    await new Promise((r) => setTimeout(r, 1000));
    const users = new Set(sandbox.cp.auditEvents().map((e) => e.user.username));
    for (const component of [
      "kube-controller-manager",
      "kube-scheduler",
      "kwok",
      "local-path-provisioner",
      "helm-controller",
      "node-standin",
    ] as const) {
      expect(users, component).toContain(COMPONENT_USERS[component].user);
    }
  });

  it("runs kube-controller-manager with the controllers it needs, and no RBAC denials for the scheduler", () => {
    const kcmLog = readFileSync(sandbox.logs["kube-controller-manager"]!, "utf8");
    for (const controller of [
      "deployment-controller",
      "node-lifecycle-controller",
      "persistentvolume-binder-controller",
    ]) {
      expect(CONTROLLERS).toContain(controller);
      expect(kcmLog).toContain(`"Controller starting..." controller="${controller}"`);
    }
    expect(readFileSync(sandbox.logs["kube-scheduler"]!, "utf8")).not.toMatch(/forbidden/);
  });

  it("stops everything, and a second stop is a no-op", async () => {
    const dir = sandbox.cp.dir;
    await Promise.all([sandbox.stop(), sandbox.stop()]);
    await sandbox.stop();
    expect(existsSync(dir)).toBe(false);
    expect(execFileSync("ps", ["-eo", "args"], { encoding: "utf8" })).not.toContain(dir);
  }, 60_000);
});
