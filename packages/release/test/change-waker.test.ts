/**
 * A poll loop's sleep ends when the polled object changes: a watch on the real apiserver,
 * ended with the loop; without a kubeconfig (or a watch) it is a plain sleep.
 */
import type { ControlPlane } from "@homelab/sandbox";
import { startControlPlane } from "@homelab/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changeWaker } from "../src/cluster/change-waker.ts";
import { connect } from "../src/cluster/kube.ts";

describe("changeWaker (real apiserver)", () => {
  let cp: ControlPlane;
  beforeAll(async () => {
    cp = await startControlPlane();
  }, 180_000);
  afterAll(async () => cp?.stop());

  it("ends a sleep as soon as the object is created or changed, and otherwise sleeps it out", async () => {
    const kube = connect(cp.releaseKubeconfig);
    const waker = changeWaker(kube, "/api/v1/namespaces/default/configmaps", "metadata.name=woken");
    try {
      // Nothing selected exists: the first sleep is not cut short.
      let started = Date.now();
      await waker.sleep(1500);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
      // Another object's change does not count.
      const other = kube.core.createNamespacedConfigMap({
        namespace: "default",
        body: { metadata: { name: "other" } },
      });
      started = Date.now();
      await Promise.all([waker.sleep(1500), other]);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
      // The selected object's creation and its change end a long sleep at once.
      setTimeout(() => {
        void kube.core.createNamespacedConfigMap({
          namespace: "default",
          body: { metadata: { name: "woken" } },
        });
      }, 200);
      started = Date.now();
      await waker.sleep(20_000);
      expect(Date.now() - started).toBeLessThan(5000);
      setTimeout(() => {
        void kube.core.patchNamespacedConfigMap({
          name: "woken",
          namespace: "default",
          body: [{ op: "add", path: "/data", value: { a: "b" } }],
        });
      }, 200);
      started = Date.now();
      await waker.sleep(20_000);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      waker.stop();
    }
  }, 120_000);

  it("is a plain sleep without a kubeconfig", async () => {
    const kube = { ...connect(cp.releaseKubeconfig), config: undefined };
    const waker = changeWaker(kube, "/api/v1/namespaces/default/configmaps", "metadata.name=woken");
    const started = Date.now();
    await waker.sleep(300);
    waker.stop();
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });
});
