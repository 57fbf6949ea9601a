/**
 * The sandbox's stand-ins for the kubelet (the install-pod runner and kwok's stages) write the
 * shapes a real kubelet and the real controllers write: each situation is made on the real
 * control plane and compared with its real-shaped fixture (src/cluster/fixtures/, each citing
 * its Kubernetes source) on the fields that matter: the pod's phase, each container's state,
 * reason and exit code, whether `lastState` holds a termination, the restart count, the Ready
 * condition, and the Job's conditions.
 */
import { join } from "node:path";
import type { V1ContainerStatus, V1Job, V1Pod } from "@kubernetes/client-node";
import { buildChart, buildInputOf, loadServicePackage, packageChart } from "@homelab/chart-kit";
import type { Sandbox } from "@homelab/sandbox";
import { FAIL_ANNOTATION, FAIL_MESSAGE_ANNOTATION, startSandbox } from "@homelab/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ShapeFixture } from "../src/cluster/fixtures/real-shapes.ts";
import { loadFixtures, objectsOf } from "../src/cluster/fixtures/real-shapes.ts";
import type { Kube } from "../src/cluster/kube.ts";
import { connect } from "../src/cluster/kube.ts";
import { root } from "./helpers.ts";

const fixtures = new Map(loadFixtures().map((f) => [f.name, f]));
const fixture = (name: string): ShapeFixture => fixtures.get(name)!;
const podOf = (name: string, prefix: string) =>
  objectsOf<V1Pod>(fixture(name), "Pod").find((p) => p.metadata?.name?.startsWith(prefix))!;
const jobOf = (name: string) => objectsOf<V1Job>(fixture(name), "Job")[0]!;

/** The first value of `check` that is not undefined, polling every `intervalMs`; fails naming `what` at the timeout. */
async function until<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs: number,
  intervalMs = 500,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** The key of a container state (`running`, `waiting`, `terminated`), or `none`. */
const stateKey = (s: V1ContainerStatus["state"]) =>
  s?.running ? "running" : s?.waiting ? "waiting" : s?.terminated ? "terminated" : "none";

/** A message with the pod's own name, namespace and uid replaced, to compare with a fixture's. */
const generic = (message: string | undefined, pod: V1Pod) =>
  (message ?? "")
    .replaceAll(pod.metadata?.uid ?? "\0", "UID")
    .replaceAll(`${pod.metadata?.name}_${pod.metadata?.namespace}`, "POD_NS")
    .replace(/back-off \S+ /, "back-off D ")
    .replace(/"[^"]+"/, '"IMAGE"');

/** The fields of a pod's status that wait and status read. */
function podShape(pod: V1Pod) {
  const container = (s: V1ContainerStatus) => ({
    state: stateKey(s.state),
    reason: s.state?.waiting?.reason ?? s.state?.terminated?.reason,
    message: generic(s.state?.waiting?.message, pod),
    exitCode: s.state?.terminated?.exitCode,
    lastState: stateKey(s.lastState),
    lastReason: s.lastState?.terminated?.reason,
    lastExitCode: s.lastState?.terminated?.exitCode,
    ready: s.ready,
    restartCount: s.restartCount,
  });
  const ready = pod.status?.conditions?.find((c) => c.type === "Ready");
  return {
    phase: pod.status?.phase,
    reason: pod.status?.reason,
    ready: {
      status: ready?.status,
      reason: ready?.reason,
      message: ready?.message?.replace(/\[.*\]/, "[C]"),
    },
    containers: (pod.status?.containerStatuses ?? []).map(container),
  };
}

/** A Job's conditions, in order: type, status, reason, message. */
const jobShape = (job: V1Job) =>
  (job.status?.conditions ?? []).map((c) => ({
    type: c.type,
    status: c.status,
    reason: c.reason,
    message: c.message,
  }));

describe("the sandbox's stand-ins write the shapes of the real kubelet and controllers", () => {
  let cluster: Sandbox;
  let kube: Kube;
  beforeAll(async () => {
    cluster = await startSandbox();
    kube = connect(cluster.cp.kubeconfig);
  }, 180_000);
  afterAll(async () => cluster?.stop());

  /** Every distinct shape the pods of `labelSelector` show until `done` says so, polling fast (a first exit shows for a moment). */
  async function watchPod(
    namespace: string,
    labelSelector: string,
    done: (shapes: ReturnType<typeof podShape>[]) => boolean,
    timeoutMs: number,
  ) {
    const shapes: ReturnType<typeof podShape>[] = [];
    await until(
      `pods ${labelSelector} in ${namespace}`,
      async () => {
        for (const pod of (await kube.core.listNamespacedPod({ namespace, labelSelector })).items) {
          const shape = podShape(pod);
          if (!shapes.some((s) => JSON.stringify(s) === JSON.stringify(shape))) shapes.push(shape);
        }
        return done(shapes) || undefined;
      },
      timeoutMs,
      100,
    );
    return shapes;
  }

  it("install pod (node stand-in): first exit, then CrashLoopBackOff; the Job fails after backoffLimit", async () => {
    const pkg = await loadServicePackage(join(root, "apps", "uptime-kuma"));
    const chartContent = packageChart("uptime-kuma", buildChart(buildInputOf(pkg))).toString("base64");
    const broken =
      "rawResources:\n  widget: { apiVersion: widgets.example.com/v1, kind: Widget, spec: { spec: { size: 1 } } }\n";
    await kube.objects.create({
      apiVersion: "helm.cattle.io/v1",
      kind: "HelmChart",
      metadata: { name: "web", namespace: "kube-system" },
      spec: {
        chartContent,
        targetNamespace: "web",
        createNamespace: true,
        valuesContent: broken,
        backOffLimit: 2,
      },
    } as never);
    const crashloop = podShape(podOf("install-crashloop", "helm-install-web"));
    const shapes = await watchPod(
      "kube-system",
      "batch.kubernetes.io/job-name=helm-install-web",
      (seen) => seen.some((s) => s.containers[0]?.reason === "CrashLoopBackOff"),
      120_000,
    );
    // The first exit: state.terminated with lastState {} (what crashed the install wait), as a kubelet reports it.
    expect(shapes).toContainEqual(podShape(podOf("install-first-exit", "helm-install-web")));
    expect(shapes).toContainEqual(crashloop);
    const failed = await until(
      "helm-install-web Failed",
      async () => {
        const job = await kube.batch.readNamespacedJob({
          name: "helm-install-web",
          namespace: "kube-system",
        });
        return job.status?.conditions?.some((c) => c.type === "Failed") ? job : undefined;
      },
      120_000,
    );
    expect(jobShape(failed)).toEqual(jobShape(jobOf("install-backoff-limit")));
  }, 300_000);

  it("kwok CrashLoopBackOff, ImagePullBackOff and Error pods, and a Job failed after backoffLimit", async () => {
    await kube.core.createNamespace({ body: { metadata: { name: "shapes" } } });
    const pod = (name: string, fail: string, restartPolicy: string, message?: string) => ({
      metadata: {
        name,
        namespace: "shapes",
        labels: { shape: name },
        annotations: { [FAIL_ANNOTATION]: fail, ...(message ? { [FAIL_MESSAGE_ANNOTATION]: message } : {}) },
      },
      spec: { restartPolicy, containers: [{ name: "main", image: "ghcr.io/example/web:1.0.0" }] },
    });
    await kube.core.createNamespacedPod({
      namespace: "shapes",
      body: pod("crashy", "CrashLoopBackOff", "Always", "Error: DATABASE_URL is not set") as never,
    });
    await kube.core.createNamespacedPod({
      namespace: "shapes",
      body: pod("unpullable", "ImagePullBackOff", "Always") as never,
    });
    const last = (shapes: ReturnType<typeof podShape>[]) => shapes[shapes.length - 1]!;
    const crashy = await watchPod(
      "shapes",
      "shape=crashy",
      (s) => s.some((x) => x.phase === "Running"),
      60_000,
    );
    const real = podShape(podOf("pod-crashloop", "web-"));
    // kwok's stage shows one moment of the loop: its restart count is its own.
    expect(last(crashy)).toEqual({ ...real, containers: [{ ...real.containers[0]!, restartCount: 5 }] });
    const unpullable = await watchPod(
      "shapes",
      "shape=unpullable",
      (s) => s.some((x) => x.containers[0]?.reason === "ImagePullBackOff"),
      60_000,
    );
    const pullReal = podShape(podOf("pod-image-pull-backoff", "web-"));
    // The real message goes on with the last pull's error; the stand-in has none to give.
    expect(last(unpullable)).toEqual({
      ...pullReal,
      containers: [{ ...pullReal.containers[0]!, message: 'Back-off pulling image "IMAGE"' }],
    });
    expect(pullReal.containers[0]!.message).toMatch(/^Back-off pulling image "IMAGE": /);

    await kube.batch.createNamespacedJob({
      namespace: "shapes",
      body: {
        metadata: { name: "migrate", namespace: "shapes" },
        spec: {
          backoffLimit: 1,
          template: {
            metadata: { labels: { shape: "migrate" }, annotations: { [FAIL_ANNOTATION]: "Error" } },
            spec: {
              restartPolicy: "Never",
              containers: [{ name: "migrate", image: "ghcr.io/example/web:1.0.0" }],
            },
          },
        },
      } as never,
    });
    const job = await until(
      "Job migrate Failed",
      async () => {
        const j = await kube.batch.readNamespacedJob({ name: "migrate", namespace: "shapes" });
        return j.status?.conditions?.some((c) => c.type === "Failed") ? j : undefined;
      },
      120_000,
    );
    expect(jobShape(job)).toEqual(jobShape(jobOf("job-backoff-limit")));
    const failedPods = (
      await kube.core.listNamespacedPod({ namespace: "shapes", labelSelector: "shape=migrate" })
    ).items;
    expect(failedPods.length).toBe(2);
    for (const p of failedPods)
      expect(podShape(p)).toEqual(podShape(podOf("job-backoff-limit", "web-migrate")));
  }, 300_000);
});
