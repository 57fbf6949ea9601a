/**
 * Wait and status against every real-shaped fixture (fixtures/*.yaml, each citing the
 * Kubernetes source it follows): what each reports, the state, the cause and the message.
 */
import { describe, expect, it } from "vitest";
import { readStatus } from "../status/read-status.ts";
import { waitForInstallJob } from "../wait/install-job.ts";
import { waitForWorkloads } from "../wait/wait-ready.ts";
import { fakeKube } from "./fixtures/fake-cluster.ts";
import { loadFixtures } from "./fixtures/real-shapes.ts";

/** What the install wait and status say of an install Job fixture. */
interface InstallExpectation {
  kind: "install";
  wait: { ok: boolean; reason?: string; logExcerpt?: string };
  /** Status's INSTALL JOB column. */
  status: string;
}
/** What the workload wait and status say of a workload fixture. */
interface WorkloadExpectation {
  kind: "workloads";
  wait: { ok: boolean; ready: number; total: number; reason?: string; logExcerpt?: string };
  /** Status's pods problem (`0/1 pods ready: ...`), or none when the pods are fine. */
  status: string | undefined;
  restarts: number;
}

const BACKOFF_LIMIT = "job failed: BackoffLimitExceeded Job has reached the specified backoff limit";
const POD = "pod web-6d8f7b9c4-q2w9z";
/** format.Pod of the fixtures' pods: name_namespace(uid). */
const WEB_POD = "web-6d8f7b9c4-q2w9z_web(3c1d9e7f-5a2b-4c8d-9e6f-1a2b3c4d5e6f)";
const DB_POD = "web-db-0_web(7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d)";
const PULL_ERROR =
  'rpc error: code = NotFound desc = failed to pull and unpack image "ghcr.io/example/web:1.0.0": ' +
  'failed to resolve reference "ghcr.io/example/web:1.0.0": ghcr.io/example/web:1.0.0: not found';
const EVICTED =
  "The node was low on resource: memory. Threshold quantity: 100Mi, available: 51200Ki. " +
  "Container main was using 1210Mi, request is 256Mi, has larger consumption of memory.";
/** The unbound claim's cause. */
const CLAIM =
  `${POD}: claim web-data is Pending (no storage class): FailedBinding: ` +
  "no persistent volumes available for this claim and no storage class is set";
/** The cause named for a container waiting in CrashLoopBackOff. */
const crashLoop = (pod: string, container: string, exit: string, backOff: string, formatted: string) =>
  `${pod} container ${container}: CrashLoopBackOff (${exit}): ` +
  `back-off ${backOff} restarting failed container=${container} pod=${formatted}`;

const expected: Record<string, InstallExpectation | WorkloadExpectation> = {
  "install-first-exit": {
    kind: "install",
    wait: { ok: false, reason: "helm exited with code 1 (Error)" },
    status: "failing: helm exited 1, 0 restarts",
  },
  "install-crashloop": {
    kind: "install",
    wait: { ok: false, reason: "helm exited with code 1 (Error)" },
    status: "failing: helm exited 1, 1 restarts",
  },
  "install-retry-succeeded": {
    kind: "install",
    // The run that counts succeeded: not a failure (the job controller's Complete follows).
    wait: { ok: false, reason: "timed out after 0 s (install job running)" },
    status: "running",
  },
  "install-backoff-limit": {
    kind: "install",
    wait: { ok: false, reason: BACKOFF_LIMIT },
    status: "failed: BackoffLimitExceeded Job has reached the specified backoff limit",
  },
  "install-failure-target": {
    kind: "install",
    wait: { ok: false, reason: BACKOFF_LIMIT },
    status: "failed: BackoffLimitExceeded Job has reached the specified backoff limit",
  },
  "install-complete": { kind: "install", wait: { ok: true }, status: "complete" },
  "pod-first-exit": {
    kind: "workloads",
    wait: {
      ok: false,
      ready: 0,
      total: 1,
      reason: `timed out with 0/1 pods ready: ${POD} container main: exited with code 1 (Error), 0 restarts`,
    },
    status: `0/1 pods ready: ${POD} container main: exited with code 1 (Error), 0 restarts`,
    restarts: 0,
  },
  "pod-crashloop": {
    kind: "workloads",
    wait: {
      ok: false,
      ready: 0,
      total: 1,
      reason: crashLoop(POD, "main", "exit code 1, Error, 3 restarts", "40s", WEB_POD),
      logExcerpt: "Error: DATABASE_URL is not set",
    },
    status: `0/1 pods ready: ${crashLoop(POD, "main", "exit code 1, Error, 3 restarts", "40s", WEB_POD)}`,
    restarts: 3,
  },
  "pod-image-pull-backoff": {
    kind: "workloads",
    wait: {
      ok: false,
      ready: 0,
      total: 1,
      reason: `${POD} container main: ImagePullBackOff: Back-off pulling image "ghcr.io/example/web:1.0.0": ErrImagePull: ${PULL_ERROR}`,
    },
    status: `0/1 pods ready: ${POD} container main: ImagePullBackOff: Back-off pulling image "ghcr.io/example/web:1.0.0": ErrImagePull: ${PULL_ERROR}`,
    restarts: 0,
  },
  "pod-err-image-pull": {
    kind: "workloads",
    // Not fatal yet: the kubelet retries the pull (then ImagePullBackOff is).
    wait: {
      ok: false,
      ready: 0,
      total: 1,
      reason: `timed out with 0/1 pods ready: ${POD} container main: ErrImagePull: ${PULL_ERROR}`,
    },
    status: `0/1 pods ready: ${POD} container main: ErrImagePull: ${PULL_ERROR}`,
    restarts: 0,
  },
  "pod-oom-killed": {
    kind: "workloads",
    wait: {
      ok: false,
      ready: 0,
      total: 1,
      reason: crashLoop(POD, "main", "exit code 137, OOMKilled, 2 restarts", "20s", WEB_POD),
    },
    status: `0/1 pods ready: ${crashLoop(POD, "main", "exit code 137, OOMKilled, 2 restarts", "20s", WEB_POD)}`,
    restarts: 2,
  },
  "pod-init-container-failing": {
    kind: "workloads",
    wait: {
      ok: false,
      ready: 0,
      total: 1,
      reason: crashLoop("pod web-db-0", "wait-for-db", "exit code 1, Error, 2 restarts", "20s", DB_POD),
      // The init container's termination message (no kubelet serves the log here).
      logExcerpt: "connect to web-postgres:5432: connection refused",
    },
    status: `0/1 pods ready: ${crashLoop("pod web-db-0", "wait-for-db", "exit code 1, Error, 2 restarts", "20s", DB_POD)}`,
    restarts: 2,
  },
  "pod-native-sidecar": {
    kind: "workloads",
    wait: { ok: true, ready: 1, total: 1 },
    status: undefined,
    // The sidecar's restart counts (it is among initContainerStatuses).
    restarts: 1,
  },
  "job-backoff-limit": {
    kind: "workloads",
    wait: {
      ok: false,
      ready: 0,
      total: 0,
      reason: "Job/web-migrate: BackoffLimitExceeded: Job has reached the specified backoff limit",
    },
    status:
      "0/0 pods ready: Job/web-migrate: BackoffLimitExceeded: Job has reached the specified backoff limit",
    restarts: 0,
  },
  "pod-evicted": {
    kind: "workloads",
    wait: {
      ok: false,
      ready: 0,
      total: 1,
      reason: `timed out with 0/1 pods ready: ${POD}: Evicted: ${EVICTED}`,
    },
    status: `0/1 pods ready: ${POD}: Evicted: ${EVICTED}`,
    restarts: 0,
  },
  "node-not-ready": {
    kind: "workloads",
    wait: {
      ok: false,
      ready: 0,
      total: 1,
      reason: `timed out with 0/1 pods ready: ${POD}: node node-1 is not ready: Node is not ready`,
    },
    status: `0/1 pods ready: ${POD}: node node-1 is not ready: Node is not ready`,
    restarts: 0,
  },
  "pod-pending-unbound-claim": {
    kind: "workloads",
    wait: {
      ok: false,
      ready: 0,
      total: 1,
      reason: `timed out with 0/1 pods ready: ${CLAIM}`,
    },
    status: `0/1 pods ready: ${CLAIM}`,
    restarts: 0,
  },
};

const fixtures = loadFixtures();
const desired = [{ name: "web", namespace: "web", version: "1.0.0", source: "apps/web" }];

describe("real-shaped fixtures", () => {
  it("each cites the Kubernetes source or documentation it follows, and has its expectation", () => {
    for (const f of fixtures) {
      expect(f.source, f.name).toMatch(/k8s\.io\/kubernetes v1\.35\.4|https:\/\/kubernetes\.io\/docs\//);
      expect(expected[f.name], `expectation of ${f.name}`).toBeDefined();
    }
    expect(Object.keys(expected).sort()).toEqual(fixtures.map((f) => f.name));
  });

  for (const f of fixtures) {
    const want = expected[f.name]!;
    it(`${f.name}: wait and status`, async () => {
      const kube = fakeKube(f.objects);
      const status = (await readStatus(kube, desired, "kube-system")).services.find(
        (s) => s.service === "web",
      )!;
      if (want.kind === "install") {
        const outcome = await waitForInstallJob(kube, "kube-system", "web", { timeoutMs: 0, pollMs: 1 });
        expect(outcome).toEqual({ jobName: "helm-install-web", ...want.wait });
        expect(status.installJob).toBe(want.status);
        return;
      }
      const outcome = await waitForWorkloads(kube, {
        namespace: "web",
        release: "web",
        deadline: Date.now() - 1,
      });
      expect(outcome).toEqual(want.wait);
      expect(status.problems.find((p) => /^\d+\/\d+ pods ready/.test(p))).toBe(want.status);
      expect(status.pods).toEqual({
        ready: want.wait.ready,
        total: want.wait.total,
        restarts: want.restarts,
      });
    });
  }
});
