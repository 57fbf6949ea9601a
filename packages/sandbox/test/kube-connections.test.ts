import { Agent } from "node:https";
import { CoreV1Api, KubeConfig } from "@kubernetes/client-node";
import { loadKubeConfig } from "@homelab/toolbox/kube";
import { describe, expect, inject, it } from "vitest";

/** TLS connections https agents open while `work` runs (each one a handshake with the apiserver). */
async function connectionsOpenedBy(work: () => Promise<void>): Promise<number> {
  const proto = Agent.prototype as unknown as { createConnection: (...args: unknown[]) => unknown };
  const original = proto.createConnection;
  let opened = 0;
  proto.createConnection = function (this: Agent, ...args: unknown[]) {
    opened++;
    return original.apply(this, args);
  };
  try {
    await work();
  } finally {
    proto.createConnection = original;
  }
  return opened;
}

const twentyReads = (core: CoreV1Api) => async () => {
  for (let i = 0; i < 20; i++) await core.readNamespace({ name: "default" });
};

describe("toolbox/kube: API clients reuse their connection to the apiserver", () => {
  const file = inject("sandbox").kubeconfig;

  it("opens one connection for 20 requests, where client-node's own KubeConfig opens one each", async () => {
    const plain = new KubeConfig();
    plain.loadFromFile(file);
    const pooled = loadKubeConfig(file);
    expect(await connectionsOpenedBy(twentyReads(plain.makeApiClient(CoreV1Api)))).toBe(20);
    expect(await connectionsOpenedBy(twentyReads(pooled.makeApiClient(CoreV1Api)))).toBe(1);
  });
});
