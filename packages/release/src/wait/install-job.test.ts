import { describe, expect, it } from "vitest";
import { fakeKube } from "../cluster/fixtures/fake-cluster.ts";
import { loadFixtures } from "../cluster/fixtures/real-shapes.ts";
import { waitForInstallJob } from "./install-job.ts";

const fixture = (name: string) => loadFixtures().find((f) => f.name === name)!;

describe("waiting for an install Job, on real kubelet shapes", () => {
  it("fails the service (does not throw) on a first exit: state.terminated with lastState {}", async () => {
    const kube = fakeKube(fixture("install-first-exit").objects);
    const outcome = await waitForInstallJob(kube, "kube-system", "web", { timeoutMs: 1000, pollMs: 10 });
    expect(outcome).toEqual({
      ok: false,
      jobName: "helm-install-web",
      reason: "helm exited with code 1 (Error)",
    });
  });
});
