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

  it("reads the Job on every poll but its pods every 2 s, and once more at the deadline", async () => {
    const kube = fakeKube(fixture("install-retry-succeeded").objects);
    const calls = { job: 0, pods: 0 };
    const read = kube.objects.read.bind(kube.objects);
    const listPods = kube.core.listNamespacedPod.bind(kube.core);
    kube.objects.read = ((header: Parameters<typeof read>[0]) => {
      calls.job++;
      return read(header);
    }) as typeof read;
    kube.core.listNamespacedPod = ((request: Parameters<typeof listPods>[0]) => {
      calls.pods++;
      return listPods(request);
    }) as typeof listPods;
    const outcome = await waitForInstallJob(kube, "kube-system", "web", { timeoutMs: 1000, pollMs: 20 });
    expect(outcome.reason).toBe("timed out after 1 s (install job running)");
    expect(calls.job).toBeGreaterThan(20);
    expect(calls.pods).toBe(2);
  });
});
