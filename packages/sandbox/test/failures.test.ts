import { beforeAll, describe, expect, it } from "vitest";
import { FAIL_ANNOTATION, FAIL_MESSAGE_ANNOTATION } from "../src/kwok.ts";
import { connect, container, create, createNamespace, eventsOf, until } from "./cluster.ts";

const NS = "failures";

describe(`pods annotated ${FAIL_ANNOTATION} fail as a node would report it (kwok stages)`, () => {
  const c = connect();
  beforeAll(() => createNamespace(c, NS));

  it("ImagePullBackOff: the pod stays Pending, its container waiting, with the kubelet's event", async () => {
    await create(c, {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "bad-image", namespace: NS, annotations: { [FAIL_ANNOTATION]: "ImagePullBackOff" } },
      spec: { containers: [container("app", { image: "registry.example/missing:0" })] },
    } as never);
    const waiting = await until("bad-image waiting", async () => {
      const pod = await c.core.readNamespacedPod({ name: "bad-image", namespace: NS });
      return pod.status?.containerStatuses?.[0]?.state?.waiting;
    });
    expect(waiting).toEqual({
      reason: "ImagePullBackOff",
      message: 'Back-off pulling image "registry.example/missing:0"',
    });
    const pod = await c.core.readNamespacedPod({ name: "bad-image", namespace: NS });
    expect(pod.status?.phase).toBe("Pending");
    expect(pod.spec?.nodeName).toBe(c.nodeName);
    const event = await until("the Failed event", async () =>
      (await eventsOf(c, NS, "Pod", "bad-image")).find((e) => e.reason === "Failed"),
    );
    expect(event).toMatchObject({ type: "Warning", message: "Error: ImagePullBackOff" });
  });

  it("CrashLoopBackOff: a Deployment's pod runs but is never ready; the Deployment is not available", async () => {
    const labels = { app: "crashy" };
    await create(c, {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "crashy", namespace: NS },
      spec: {
        replicas: 1,
        selector: { matchLabels: labels },
        template: {
          metadata: {
            labels,
            annotations: {
              [FAIL_ANNOTATION]: "CrashLoopBackOff",
              [FAIL_MESSAGE_ANNOTATION]: "panic: no config\nexit",
            },
          },
          spec: { containers: [container()] },
        },
      },
    } as never);
    const status = await until("crashy's pod in CrashLoopBackOff", async () => {
      const pods = await c.core.listNamespacedPod({ namespace: NS, labelSelector: "app=crashy" });
      const s = pods.items[0]?.status;
      return s?.containerStatuses?.[0]?.state?.waiting?.reason === "CrashLoopBackOff" && s;
    });
    expect(status.phase).toBe("Running");
    expect(status.containerStatuses?.[0]).toMatchObject({
      ready: false,
      lastState: { terminated: { exitCode: 1, reason: "Error", message: "panic: no config\nexit" } },
    });
    expect(status.containerStatuses?.[0]?.restartCount).toBeGreaterThan(0);
    const d = await c.apps.readNamespacedDeployment({ name: "crashy", namespace: NS });
    expect(d.status?.availableReplicas ?? 0).toBe(0);
    expect(d.status?.unavailableReplicas).toBe(1);
  });

  it("Error: a Job's pod exits 1 and the Job fails once its backoffLimit is spent", async () => {
    await create(c, {
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: { name: "fails", namespace: NS },
      spec: {
        backoffLimit: 0,
        template: {
          metadata: { annotations: { [FAIL_ANNOTATION]: "Error" } },
          spec: { restartPolicy: "Never", containers: [container()] },
        },
      },
    } as never);
    const failed = await until("Job fails Failed", async () => {
      const j = await c.batch.readNamespacedJob({ name: "fails", namespace: NS });
      return j.status?.conditions?.find((k) => k.type === "Failed" && k.status === "True");
    });
    expect(failed.reason).toBe("BackoffLimitExceeded");
    const [pod] = (
      await c.core.listNamespacedPod({ namespace: NS, labelSelector: "batch.kubernetes.io/job-name=fails" })
    ).items;
    expect(pod?.status?.phase).toBe("Failed");
    // Without the message annotation the container printed nothing.
    expect(pod?.status?.containerStatuses?.[0]?.state?.terminated).toMatchObject({
      exitCode: 1,
      reason: "Error",
    });
    expect(pod?.status?.containerStatuses?.[0]?.state?.terminated?.message).toBeUndefined();
  });
});
