import type { V1Pod } from "@kubernetes/client-node";
import { beforeAll, describe, expect, it } from "vitest";
import { connect, container, create, createNamespace, eventsOf, until } from "./cluster.ts";

const NS = "scheduling";

const gpuPod = (name: string, resource: string, count: number): V1Pod => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace: NS },
  spec: { containers: [container("app", { resources: { limits: { [resource]: String(count) } } })] },
});

describe("the real scheduler places pods by the node's resources, or says why not", () => {
  const c = connect();
  beforeAll(() => createNamespace(c, NS));

  it("runs a pod that asks for the node's one NVIDIA GPU", async () => {
    await create(c, gpuPod("cuda", "nvidia.com/gpu", 1));
    await until(
      "pod cuda Running",
      async () =>
        (await c.core.readNamespacedPod({ name: "cuda", namespace: NS })).status?.phase === "Running",
    );
  });

  it("leaves a pod that asks for more GPUs than the node has Pending, with the scheduler's reason", async () => {
    await create(c, gpuPod("greedy", "nvidia.com/gpu", 2));
    const event = await until("FailedScheduling for greedy", async () =>
      (await eventsOf(c, NS, "Pod", "greedy")).find((e) => e.reason === "FailedScheduling"),
    );
    expect(event.type).toBe("Warning");
    expect(event.message).toMatch(/^0\/1 nodes are available: 1 Insufficient nvidia\.com\/gpu\./);
    const pod = await c.core.readNamespacedPod({ name: "greedy", namespace: NS });
    expect(pod.status?.phase).toBe("Pending");
    expect(pod.spec?.nodeName).toBeUndefined();
    expect(pod.status?.conditions?.find((k) => k.type === "PodScheduled")).toMatchObject({
      status: "False",
      reason: "Unschedulable",
    });
  });

  it("counts what running pods use: a second Intel GPU pod waits for the first", async () => {
    await create(c, gpuPod("transcode-1", "gpu.intel.com/i915", 1));
    await until(
      "transcode-1 Running",
      async () =>
        (await c.core.readNamespacedPod({ name: "transcode-1", namespace: NS })).status?.phase === "Running",
    );
    await create(c, gpuPod("transcode-2", "gpu.intel.com/i915", 1));
    const event = await until("FailedScheduling for transcode-2", async () =>
      (await eventsOf(c, NS, "Pod", "transcode-2")).find((e) => e.reason === "FailedScheduling"),
    );
    expect(event.message).toContain("1 Insufficient gpu.intel.com/i915");
    // Freeing the GPU lets the scheduler place the waiting pod.
    await c.core.deleteNamespacedPod({ name: "transcode-1", namespace: NS });
    await until(
      "transcode-2 Running",
      async () =>
        (await c.core.readNamespacedPod({ name: "transcode-2", namespace: NS })).status?.phase === "Running",
    );
  }, 90_000);

  it("does not place a pod whose node selector no node matches", async () => {
    const pod = gpuPod("arm-only", "cpu", 1);
    pod.spec!.nodeSelector = { "kubernetes.io/arch": "arm64" };
    await create(c, pod);
    const event = await until("FailedScheduling for arm-only", async () =>
      (await eventsOf(c, NS, "Pod", "arm-only")).find((e) => e.reason === "FailedScheduling"),
    );
    expect(event.message).toMatch(/1 node\(s\) didn't match Pod's node affinity\/selector/);
  });
});
