import type { V1Deployment, V1Job } from "@kubernetes/client-node";
import { beforeAll, describe, expect, it } from "vitest";
import { connect, container, create, createNamespace, until } from "./cluster.ts";

const NS = "workloads";

describe("workloads run: controllers make pods, the scheduler places them, kwok's node runs them", () => {
  const c = connect();
  beforeAll(() => createNamespace(c, NS));

  it("brings a Deployment to 2/2 Available, its pods on the node with pod IPs, behind a Service", async () => {
    const labels = { app: "web" };
    const deployment: V1Deployment = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", namespace: NS },
      spec: {
        replicas: 2,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: { containers: [container("web", { ports: [{ containerPort: 8080 }] })] },
        },
      },
    };
    const service = {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "web", namespace: NS },
      spec: { selector: labels, ports: [{ port: 80, targetPort: 8080 }] },
    };
    await create(c, deployment, service);
    const status = await until("Deployment web 2/2 available", async () => {
      const d = await c.apps.readNamespacedDeployment({ name: "web", namespace: NS });
      return d.status?.availableReplicas === 2 && d.status?.updatedReplicas === 2 && d.status;
    });
    expect(status.conditions?.find((k) => k.type === "Available")?.status).toBe("True");
    const pods = (await c.core.listNamespacedPod({ namespace: NS, labelSelector: "app=web" })).items;
    expect(pods).toHaveLength(2);
    for (const pod of pods) {
      expect(pod.spec?.nodeName).toBe(c.nodeName);
      expect(pod.status?.phase).toBe("Running");
      expect(pod.status?.podIP).toMatch(/^10\.42\./);
      expect(pod.status?.containerStatuses?.[0]?.state?.running).toBeDefined();
    }
    // The real endpointslice controller lists the ready pods' IPs.
    const ips = await until("the Service's EndpointSlice with both pods", async () => {
      const slices = (await c.objects.list("discovery.k8s.io/v1", "EndpointSlice", NS)) as unknown as {
        items: { metadata: { labels: Record<string, string> }; endpoints?: { addresses: string[] }[] }[];
      };
      const slice = slices.items.find((s) => s.metadata.labels["kubernetes.io/service-name"] === "web");
      const addresses = (slice?.endpoints ?? []).flatMap((e) => e.addresses).sort();
      return addresses.length === 2 && addresses;
    });
    expect(ips).toEqual(pods.map((p) => p.status!.podIP!).sort());
  });

  it("rolls a Deployment to a new template, replacing its pods", async () => {
    const before = (await c.core.listNamespacedPod({ namespace: NS, labelSelector: "app=web" })).items.map(
      (p) => p.metadata!.name,
    );
    await c.apps.patchNamespacedDeployment({
      name: "web",
      namespace: NS,
      body: [
        { op: "replace", path: "/spec/template/spec/containers/0/image", value: "registry.example/app:1.1" },
      ],
    });
    await until("the rollout of web to app:1.1", async () => {
      const d = await c.apps.readNamespacedDeployment({ name: "web", namespace: NS });
      const s = d.status;
      return (
        s?.observedGeneration === d.metadata?.generation &&
        s?.updatedReplicas === 2 &&
        s?.availableReplicas === 2 &&
        s?.replicas === 2
      );
    });
    const after = (await c.core.listNamespacedPod({ namespace: NS, labelSelector: "app=web" })).items;
    expect(after.every((p) => p.spec?.containers[0]?.image === "registry.example/app:1.1")).toBe(true);
    expect(after.map((p) => p.metadata!.name).filter((n) => before.includes(n))).toEqual([]);
  });

  it("runs a DaemonSet's pod on the node", async () => {
    const labels = { app: "agent" };
    await create(c, {
      apiVersion: "apps/v1",
      kind: "DaemonSet",
      metadata: { name: "agent", namespace: NS },
      spec: {
        selector: { matchLabels: labels },
        template: { metadata: { labels }, spec: { containers: [container("agent")] } },
      },
    } as never);
    const status = await until("DaemonSet agent ready", async () => {
      const d = await c.apps.readNamespacedDaemonSet({ name: "agent", namespace: NS });
      return d.status?.numberReady === 1 && d.status;
    });
    expect(status.desiredNumberScheduled).toBe(1);
  });

  it("completes a Job (kwok ends its pod with exit code 0)", async () => {
    const job: V1Job = {
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: { name: "once", namespace: NS },
      spec: { template: { spec: { restartPolicy: "Never", containers: [container("once")] } } },
    };
    await create(c, job);
    const status = await until("Job once Complete", async () => {
      const j = await c.batch.readNamespacedJob({ name: "once", namespace: NS });
      return j.status?.conditions?.some((k) => k.type === "Complete" && k.status === "True") && j.status;
    });
    expect(status.succeeded).toBe(1);
  });

  it("creates a Job from a CronJob on its schedule", async () => {
    await create(c, {
      apiVersion: "batch/v1",
      kind: "CronJob",
      metadata: { name: "tick", namespace: NS },
      spec: {
        schedule: "* * * * *",
        jobTemplate: {
          spec: { template: { spec: { restartPolicy: "Never", containers: [container("tick")] } } },
        },
      },
    } as never);
    // The cronjob controller starts a Job at the next full minute.
    const job = await until(
      "a Job of CronJob tick",
      async () =>
        (await c.batch.listNamespacedJob({ namespace: NS })).items.find(
          (j) => j.metadata?.ownerReferences?.[0]?.name === "tick",
        ),
      75_000,
    );
    await until("the CronJob's Job Complete", async () => {
      const j = await c.batch.readNamespacedJob({ name: job.metadata!.name!, namespace: NS });
      return j.status?.conditions?.some((k) => k.type === "Complete" && k.status === "True");
    });
  }, 120_000);
});
