import type { V1Service } from "@kubernetes/client-node";
import { beforeAll, describe, expect, it } from "vitest";
import { connect, create, createNamespace, until } from "./cluster.ts";

const NS = "servicelb";

const service = (name: string, spec: Partial<V1Service["spec"]>): V1Service => ({
  apiVersion: "v1",
  kind: "Service",
  metadata: { name, namespace: NS },
  spec: { selector: { app: name }, ports: [{ port: 8096, targetPort: 8096 }], ...spec },
});

describe("servicelb stand-in: LoadBalancer Services get the node's address, as on k3s", () => {
  const c = connect();
  beforeAll(() => createNamespace(c, NS));

  it("publishes the node's address for a LoadBalancer Service, and leaves others alone", async () => {
    await create(
      c,
      service("media", { type: "LoadBalancer" }),
      service("internal", { type: "ClusterIP" }),
      service("metallb-owned", { type: "LoadBalancer", loadBalancerClass: "metallb.io/metallb" }),
    );
    const read = (name: string) => c.core.readNamespacedService({ name, namespace: NS });
    const ingress = await until("media's load balancer address", async () => {
      const s = await read("media");
      return s.status?.loadBalancer?.ingress?.length ? s.status.loadBalancer.ingress : false;
    });
    expect(ingress.map((i) => i.ip)).toEqual(["127.0.0.1"]);
    // The watch has seen all three by now (media came after the others in one request).
    expect((await read("internal")).status?.loadBalancer?.ingress).toBeUndefined();
    expect((await read("metallb-owned")).status?.loadBalancer?.ingress).toBeUndefined();
  });
});
