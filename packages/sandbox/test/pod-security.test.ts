import { beforeAll, describe, expect, it } from "vitest";
import { connect, container, create, createNamespace, eventsOf, until } from "./cluster.ts";

const NS = "restricted";

const restrictedContainer = container("app", {
  securityContext: {
    allowPrivilegeEscalation: false,
    capabilities: { drop: ["ALL"] },
    runAsNonRoot: true,
    runAsUser: 1000,
    seccompProfile: { type: "RuntimeDefault" },
  },
});

const deployment = (name: string, spec: Record<string, unknown>) => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name, namespace: NS },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec },
  },
});

describe("Pod Security admission refuses pods for real (a namespace enforcing restricted)", () => {
  const c = connect();
  beforeAll(() => createNamespace(c, NS, { "pod-security.kubernetes.io/enforce": "restricted" }));

  it("refuses a privileged pod: FailedCreate on its ReplicaSet with the admission message, no pod", async () => {
    await create(
      c,
      deployment("privileged", {
        hostNetwork: true,
        containers: [container("app", { securityContext: { privileged: true } })],
      }) as never,
    );
    const rs = await until(
      "privileged's ReplicaSet",
      async () =>
        (await c.apps.listNamespacedReplicaSet({ namespace: NS, labelSelector: "app=privileged" })).items[0],
    );
    const event = await until("FailedCreate", async () =>
      (await eventsOf(c, NS, "ReplicaSet", rs.metadata!.name!)).find((e) => e.reason === "FailedCreate"),
    );
    expect(event.type).toBe("Warning");
    expect(event.message).toMatch(
      /is forbidden: violates PodSecurity "restricted:latest": host namespaces \(hostNetwork=true\), privileged \(container "app" must not set securityContext\.privileged=true\)/,
    );
    expect(
      (await c.core.listNamespacedPod({ namespace: NS, labelSelector: "app=privileged" })).items,
    ).toEqual([]);
  });

  it("admits and runs a pod that meets restricted in the same namespace", async () => {
    await create(c, deployment("compliant", { containers: [restrictedContainer] }) as never);
    await until(
      "compliant available",
      async () =>
        (await c.apps.readNamespacedDeployment({ name: "compliant", namespace: NS })).status
          ?.availableReplicas === 1,
    );
  });

  it("runs the same privileged pod in a namespace that allows privileged (the apiserver allows privileged, as k3s's)", async () => {
    await createNamespace(c, "privileged", { "pod-security.kubernetes.io/enforce": "privileged" });
    const d = deployment("privileged", {
      hostNetwork: true,
      containers: [container("app", { securityContext: { privileged: true } })],
    });
    await create(c, { ...d, metadata: { ...d.metadata, namespace: "privileged" } } as never);
    await until(
      "privileged available in namespace privileged",
      async () =>
        (await c.apps.readNamespacedDeployment({ name: "privileged", namespace: "privileged" })).status
          ?.availableReplicas === 1,
    );
    const pod = (await c.core.listNamespacedPod({ namespace: "privileged", labelSelector: "app=privileged" }))
      .items[0]!;
    // A host-network pod has the node's IP.
    expect(pod.status?.podIP).toBe("127.0.0.1");
  });
});
