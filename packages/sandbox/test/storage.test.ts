import { beforeAll, describe, expect, it } from "vitest";
import { connect, container, create, createNamespace, until } from "./cluster.ts";

const NS = "storage";

describe("claims bind through the real local-path-provisioner (the default class, as on k3s)", () => {
  const c = connect();
  beforeAll(() => createNamespace(c, NS));

  it("is the default StorageClass, bound when a pod first uses the claim", async () => {
    const sc = (await c.objects.read({
      apiVersion: "storage.k8s.io/v1",
      kind: "StorageClass",
      metadata: { name: "local-path" },
    })) as unknown as {
      provisioner: string;
      volumeBindingMode: string;
      metadata: { annotations: Record<string, string> };
    };
    expect(sc).toMatchObject({
      provisioner: "rancher.io/local-path",
      volumeBindingMode: "WaitForFirstConsumer",
    });
    expect(sc.metadata.annotations["storageclass.kubernetes.io/is-default-class"]).toBe("true");
  });

  it("gives a StatefulSet's claim template bound claims and ready replicas", async () => {
    const labels = { app: "db" };
    await create(c, {
      apiVersion: "apps/v1",
      kind: "StatefulSet",
      metadata: { name: "db", namespace: NS },
      spec: {
        replicas: 2,
        serviceName: "db",
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: { containers: [container("db", { volumeMounts: [{ name: "data", mountPath: "/data" }] })] },
        },
        // No storageClassName: the default class applies.
        volumeClaimTemplates: [
          {
            metadata: { name: "data" },
            spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
          },
        ],
      },
    } as never);
    await until(
      "StatefulSet db 2/2 ready",
      async () => {
        const s = await c.apps.readNamespacedStatefulSet({ name: "db", namespace: NS });
        return s.status?.readyReplicas === 2 && s.status?.availableReplicas === 2;
      },
      90_000,
    );
    for (const name of ["data-db-0", "data-db-1"]) {
      const claim = await c.core.readNamespacedPersistentVolumeClaim({ name, namespace: NS });
      expect(claim.status?.phase, name).toBe("Bound");
      expect(claim.spec?.storageClassName).toBe("local-path");
      const pv = await c.core.readPersistentVolume({ name: claim.spec!.volumeName! });
      expect(pv.spec?.hostPath?.path).toMatch(
        new RegExp(`^/var/lib/rancher/k3s/storage/pvc-.*_${NS}_${name}$`),
      );
      expect(pv.spec?.nodeAffinity?.required?.nodeSelectorTerms?.[0]?.matchExpressions?.[0]?.values).toEqual([
        c.nodeName,
      ]);
      expect(pv.metadata?.annotations?.["pv.kubernetes.io/provisioned-by"]).toBe("rancher.io/local-path");
    }
  }, 120_000);

  it("leaves a claim no pod uses Pending, waiting for its first consumer", async () => {
    await create(c, {
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: { name: "unused", namespace: NS },
      spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
    } as never);
    await until("the claim's WaitForFirstConsumer event", async () => {
      const events = await c.core.listNamespacedEvent({
        namespace: NS,
        fieldSelector: "involvedObject.name=unused",
      });
      return events.items.some((e) => e.reason === "WaitForFirstConsumer");
    });
    expect(
      (await c.core.readNamespacedPersistentVolumeClaim({ name: "unused", namespace: NS })).status?.phase,
    ).toBe("Pending");
  });

  it("deletes the volume with its claim (reclaim policy Delete)", async () => {
    const claim = await c.core.readNamespacedPersistentVolumeClaim({ name: "data-db-1", namespace: NS });
    await c.apps.deleteNamespacedStatefulSet({ name: "db", namespace: NS });
    await until(
      "the StatefulSet's pods gone",
      async () =>
        (await c.core.listNamespacedPod({ namespace: NS, labelSelector: "app=db" })).items.length === 0,
    );
    await c.core.deleteNamespacedPersistentVolumeClaim({ name: "data-db-1", namespace: NS });
    await until("the claim's volume deleted", async () => {
      const pvs = await c.core.listPersistentVolume();
      return !pvs.items.some((pv) => pv.metadata?.name === claim.spec!.volumeName);
    });
  }, 90_000);
});
