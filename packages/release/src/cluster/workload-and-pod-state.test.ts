import type { CoreV1Event, V1Deployment, V1PersistentVolumeClaim, V1Pod } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { mainCause, podCauses, workloadEventCauses } from "./pod-causes.ts";
import { cronJobState, daemonSetState, deploymentState, statefulSetState } from "./workload-state.ts";

const deployment = (status: V1Deployment["status"], replicas = 2, generation = 2): V1Deployment => ({
  metadata: { name: "web", generation },
  spec: { replicas, selector: { matchLabels: { app: "web" } }, template: {} },
  status,
});

describe("workload state", () => {
  it("counts a Deployment done only when observed, updated and available, old replicas gone", () => {
    expect(
      deploymentState(
        deployment({
          observedGeneration: 2,
          replicas: 2,
          updatedReplicas: 2,
          readyReplicas: 2,
          availableReplicas: 2,
        }),
      ),
    ).toMatchObject({
      ref: "Deployment/web",
      ready: 2,
      desired: 2,
      done: true,
    });
    // The controller has not seen the new spec yet.
    expect(
      deploymentState(
        deployment({ observedGeneration: 1, replicas: 2, updatedReplicas: 2, availableReplicas: 2 }),
      ).done,
    ).toBe(false);
    // Rolling: one old replica still there.
    expect(
      deploymentState(
        deployment({
          observedGeneration: 2,
          replicas: 3,
          updatedReplicas: 2,
          readyReplicas: 3,
          availableReplicas: 3,
        }),
      ).done,
    ).toBe(false);
    expect(
      deploymentState(
        deployment({
          observedGeneration: 2,
          replicas: 2,
          updatedReplicas: 2,
          readyReplicas: 1,
          availableReplicas: 1,
        }),
      ),
    ).toMatchObject({ ready: 1, done: false });
  });

  it("reads a Deployment's ReplicaFailure (admission refused the pods) as fatal", () => {
    const refused = deploymentState(
      deployment({
        observedGeneration: 2,
        conditions: [
          {
            type: "ReplicaFailure",
            status: "True",
            reason: "FailedCreate",
            message:
              'pods "web-1" is forbidden: violates PodSecurity "restricted:latest": host namespaces (hostNetwork=true)',
          },
        ],
      }),
    );
    expect(refused.failure).toEqual({
      reason: "FailedCreate",
      message: expect.stringContaining("violates PodSecurity"),
      fatal: true,
    });
  });

  it("waits for StatefulSets to be ready on the update revision, DaemonSets on every node, CronJobs to exist", () => {
    const st = {
      metadata: { name: "db", generation: 1 },
      spec: { replicas: 1, selector: {}, serviceName: "db", template: {} },
    };
    expect(
      statefulSetState({
        ...st,
        status: { observedGeneration: 1, replicas: 1, readyReplicas: 1, updatedReplicas: 1 },
      }).done,
    ).toBe(true);
    expect(
      statefulSetState({ ...st, status: { observedGeneration: 1, replicas: 1, readyReplicas: 0 } }).done,
    ).toBe(false);
    const ds = { metadata: { name: "agent", generation: 1 }, spec: { selector: {}, template: {} } };
    expect(
      daemonSetState({
        ...ds,
        status: {
          observedGeneration: 1,
          desiredNumberScheduled: 2,
          currentNumberScheduled: 2,
          updatedNumberScheduled: 2,
          numberReady: 1,
          numberMisscheduled: 0,
        },
      }),
    ).toMatchObject({ ready: 1, desired: 2, done: false });
    expect(
      daemonSetState({
        ...ds,
        status: {
          observedGeneration: 1,
          desiredNumberScheduled: 2,
          currentNumberScheduled: 2,
          updatedNumberScheduled: 2,
          numberReady: 2,
          numberMisscheduled: 0,
        },
      }).done,
    ).toBe(true);
    expect(cronJobState({ metadata: { name: "backup" } })).toEqual({
      ref: "CronJob/backup",
      ready: 0,
      desired: 0,
      done: true,
    });
  });
});

const pod = (name: string, status: V1Pod["status"], claim?: string): V1Pod => ({
  metadata: { name },
  spec: {
    containers: [{ name: "main" }],
    ...(claim ? { volumes: [{ name: "data", persistentVolumeClaim: { claimName: claim } }] } : {}),
  },
  status,
});
const event = (
  kind: string,
  name: string,
  reason: string,
  message: string,
  at = "2026-01-01T00:00:00Z",
): CoreV1Event => ({
  metadata: {},
  involvedObject: { kind, name },
  reason,
  message,
  lastTimestamp: new Date(at),
});

describe("why pods are not ready", () => {
  it("names the scheduler's message for an unschedulable pod, not fatal", () => {
    const causes = podCauses(
      [
        pod("web-1", {
          phase: "Pending",
          conditions: [
            {
              type: "PodScheduled",
              status: "False",
              reason: "Unschedulable",
              message: "0/1 nodes are available: 1 Insufficient gpu.intel.com/i915.",
            },
          ],
        }),
      ],
      [],
      [],
    );
    expect(causes).toEqual([
      {
        reason: "Unschedulable",
        text: "pod web-1: Unschedulable: 0/1 nodes are available: 1 Insufficient gpu.intel.com/i915.",
        fatal: false,
      },
    ]);
  });

  it("names a Pending claim with its class and latest event", () => {
    const claims: V1PersistentVolumeClaim[] = [
      { metadata: { name: "data" }, spec: { storageClassName: "local-path" }, status: { phase: "Pending" } },
    ];
    const events = [
      event(
        "PersistentVolumeClaim",
        "data",
        "ProvisioningFailed",
        'storageclass.storage.k8s.io "local-path" not found',
      ),
    ];
    const causes = podCauses(
      [
        pod(
          "web-1",
          {
            phase: "Pending",
            conditions: [
              {
                type: "PodScheduled",
                status: "False",
                reason: "Unschedulable",
                message: "pod has unbound immediate PersistentVolumeClaims",
              },
            ],
          },
          "data",
        ),
      ],
      events,
      claims,
    );
    expect(causes[0]).toEqual({
      reason: "ClaimPending",
      text: 'pod web-1: claim data is Pending (storage class local-path): ProvisioningFailed: storageclass.storage.k8s.io "local-path" not found',
      fatal: false,
    });
  });

  it("names the scheduler, not a claim that only waits for its pod to be scheduled", () => {
    const claims: V1PersistentVolumeClaim[] = [
      { metadata: { name: "cache" }, spec: { storageClassName: "local-path" }, status: { phase: "Pending" } },
    ];
    const events = [
      event("PersistentVolumeClaim", "cache", "WaitForPodScheduled", "waiting for pod web-1 to be scheduled"),
    ];
    const unscheduled = pod(
      "web-1",
      {
        phase: "Pending",
        conditions: [
          {
            type: "PodScheduled",
            status: "False",
            reason: "Unschedulable",
            message: "0/1 nodes are available: 1 Insufficient gpu.intel.com/i915.",
          },
        ],
      },
      "cache",
    );
    expect(mainCause(podCauses([unscheduled], events, claims))?.text).toBe(
      "pod web-1: Unschedulable: 0/1 nodes are available: 1 Insufficient gpu.intel.com/i915.",
    );
  });

  it("fails at once on a crash loop (with the pod and container for its log) and on an image that cannot be pulled", () => {
    const crashing = pod("web-1", {
      phase: "Running",
      containerStatuses: [
        {
          name: "main",
          image: "x",
          imageID: "",
          ready: false,
          restartCount: 4,
          state: {
            waiting: { reason: "CrashLoopBackOff", message: "back-off 40s restarting failed container" },
          },
          lastState: { terminated: { exitCode: 3, reason: "Error" } },
        },
      ],
    });
    const pulling = pod("web-2", {
      phase: "Pending",
      containerStatuses: [
        {
          name: "main",
          image: "x",
          imageID: "",
          ready: false,
          restartCount: 0,
          state: {
            waiting: { reason: "ImagePullBackOff", message: 'Back-off pulling image "example/app:9.9"' },
          },
        },
      ],
    });
    const causes = podCauses([crashing, pulling], [], []);
    expect(causes).toEqual([
      {
        reason: "CrashLoopBackOff",
        text: "pod web-1 container main: CrashLoopBackOff (exit code 3, Error, 4 restarts): back-off 40s restarting failed container",
        fatal: true,
        logOf: { pod: "web-1", container: "main" },
      },
      {
        reason: "ImagePullBackOff",
        text: 'pod web-2 container main: ImagePullBackOff: Back-off pulling image "example/app:9.9"',
        fatal: true,
      },
    ]);
  });

  it("reads FailedCreate events of the workload's ReplicaSet, fatal when admission forbade the pod", () => {
    const events = [
      event(
        "ReplicaSet",
        "web-6d4f9",
        "FailedCreate",
        'Error creating: pods "web-6d4f9-x" is forbidden: violates PodSecurity "restricted:latest": host namespaces (hostNetwork=true)',
        "2026-01-01T00:00:02Z",
      ),
      event("ReplicaSet", "other-1", "FailedCreate", "not ours"),
    ];
    const causes = workloadEventCauses(["web"], events);
    expect(causes).toEqual([
      {
        reason: "FailedCreate",
        text: expect.stringMatching(/^ReplicaSet\/web-6d4f9: Error creating: .*violates PodSecurity/),
        fatal: true,
      },
    ]);
    expect(mainCause([{ reason: "Unschedulable", text: "x", fatal: false }, ...causes])).toBe(causes[0]);
  });

  it("says which container runs but is not ready, with the probe's message", () => {
    const notReady = pod("web-1", {
      phase: "Running",
      conditions: [{ type: "Ready", status: "False" }],
      containerStatuses: [
        { name: "main", image: "x", imageID: "", ready: false, restartCount: 0, state: { running: {} } },
      ],
    });
    const causes = podCauses(
      [notReady],
      [event("Pod", "web-1", "Unhealthy", "Readiness probe failed: HTTP probe failed with statuscode: 503")],
      [],
    );
    expect(causes).toEqual([
      {
        reason: "NotReady",
        text: "pod web-1 container main: running, not ready: Readiness probe failed: HTTP probe failed with statuscode: 503",
        fatal: false,
      },
    ]);
  });
});
