/**
 * One release at a time: the Lease kube-system/homelab-release on the real apiserver, taken
 * by two concurrent CLI runs, waited for, refused with exit code 4, and taken over when the
 * release holding it stopped renewing it.
 */
import type { ControlPlane, Sandbox } from "@homelab/sandbox";
import { startSandbox } from "@homelab/sandbox";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "../src/cluster/kube.ts";
import { acquireReleaseLock, LOCK_NAME, LOCK_NAMESPACE, ReleaseBusyError } from "../src/lock/release-lock.ts";
import { cli, root, writeConfig } from "./helpers.ts";

const CONFIG = "services:\n  uptime-kuma: {}\n  vaultwarden: {}\nrelease:\n  timeoutSeconds: 120\n";
/** The same services with a change, so a run of it has something to write (and takes the lock). */
const CHANGED = CONFIG.replace(
  "uptime-kuma: {}",
  "uptime-kuma: { values: { controllers: { main: { replicas: 1 } } } }",
);
const OTHER_A = CONFIG.replace(
  "uptime-kuma: {}",
  "uptime-kuma: { values: { controllers: { main: { replicas: 2 } } } }",
);
const OTHER_B = CONFIG.replace(
  "vaultwarden: {}",
  "vaultwarden: { values: { controllers: { main: { replicas: 1 } } } }",
);

describe("one release at a time (Lease on the real apiserver)", () => {
  let cluster: Sandbox;
  let cp: ControlPlane;
  beforeAll(async () => {
    cluster = await startSandbox();
    cp = cluster.cp;
  }, 180_000);
  afterAll(async () => cluster?.stop());

  it("refuses a second holder at once with exit code 4 naming the first, lets it wait, and frees the lease", async () => {
    const kube = connect(cp.releaseKubeconfig);
    const first = await acquireReleaseLock(kube, { holder: "first@test pid 1" });
    const lease = await kube.coordination.readNamespacedLease({ name: LOCK_NAME, namespace: LOCK_NAMESPACE });
    expect(lease.spec).toMatchObject({ holderIdentity: "first@test pid 1", leaseDurationSeconds: 30 });

    const busy = await acquireReleaseLock(kube, { holder: "second@test pid 2" }).catch((e: unknown) => e);
    expect(busy).toBeInstanceOf(ReleaseBusyError);
    expect((busy as ReleaseBusyError).exitCode).toBe(4);
    expect((busy as ReleaseBusyError).message).toMatch(
      /another release is running: the lock \(Lease kube-system\/homelab-release\) is held by first@test pid 1\. Fix: wait/,
    );

    const messages: string[] = [];
    const waiting = acquireReleaseLock(kube, {
      holder: "second@test pid 2",
      waitMs: 30_000,
      onMessage: (m) => messages.push(m),
    });
    await new Promise((r) => setTimeout(r, 1500));
    await first.release();
    const second = await waiting;
    expect(messages).toEqual(["waiting for the release lock, held by first@test pid 1 (up to 30 s)"]);
    expect(
      (await kube.coordination.readNamespacedLease({ name: LOCK_NAME, namespace: LOCK_NAMESPACE })).spec
        ?.holderIdentity,
    ).toBe("second@test pid 2");
    await second.release();
    await expect(
      kube.coordination.readNamespacedLease({ name: LOCK_NAME, namespace: LOCK_NAMESPACE }),
    ).rejects.toMatchObject({ code: 404 });
  }, 60_000);

  it("renews a held lease, and takes over one whose holder stopped renewing it (a crashed release)", async () => {
    const kube = connect(cp.releaseKubeconfig);
    const alive = await acquireReleaseLock(kube, { holder: "alive", leaseSeconds: 3 });
    await new Promise((r) => setTimeout(r, 4500));
    // Renewed every second: still held after more than its duration.
    await expect(acquireReleaseLock(kube, { holder: "other", leaseSeconds: 3 })).rejects.toBeInstanceOf(
      ReleaseBusyError,
    );
    await alive.release();

    // A holder that crashed: its lease was written once and is never renewed again.
    const stamp = new Date().toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
    await kube.coordination.createNamespacedLease({
      namespace: LOCK_NAMESPACE,
      body: {
        metadata: { name: LOCK_NAME },
        spec: {
          holderIdentity: "crashed@test pid 9",
          leaseDurationSeconds: 3,
          acquireTime: stamp as never,
          renewTime: stamp as never,
        },
      },
    });
    const messages: string[] = [];
    const started = Date.now();
    const next = await acquireReleaseLock(kube, {
      holder: "next",
      waitMs: 20_000,
      onMessage: (m) => messages.push(m),
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(2500);
    expect(messages).toEqual([
      "waiting for the release lock, held by crashed@test pid 9 (up to 20 s)",
      "took over the release lock of crashed@test pid 9: not renewed for 3 s (a release that ended without freeing it)",
    ]);
    const lease = await kube.coordination.readNamespacedLease({ name: LOCK_NAME, namespace: LOCK_NAMESPACE });
    expect(lease.spec).toMatchObject({ holderIdentity: "next", leaseTransitions: 1 });
    await next.release();
  }, 60_000);

  it("two concurrent CLI runs: one stops with exit code 4 naming the other, or waits for it", async () => {
    const run = (config: string, lockTimeout: number) =>
      execa(
        "node",
        [
          cli,
          "--config",
          writeConfig(config).configFile,
          "--kubeconfig",
          cp.releaseKubeconfig,
          "--lock-timeout",
          String(lockTimeout),
        ],
        {
          cwd: root,
          reject: false,
          all: true,
        },
      );
    // Started together, both have something to write and ask for the lock within a second.
    const [a, b] = [run(CONFIG, 0), run(CHANGED, 0)];
    const both = await Promise.all([a, b]);
    expect(both.map((r) => r.exitCode).sort(), both.map((r) => r.all).join("\n----\n")).toEqual([0, 4]);
    const loser = both.find((r) => r.exitCode === 4)!;
    const winnerPid = (loser === both[0] ? b : a).pid;
    expect(loser.all).toMatch(
      new RegExp(
        `another release is running: the lock \\(Lease kube-system/homelab-release\\) is held by \\S+ pid ${winnerPid}\\.`,
      ),
    );
    expect(loser.all).toContain("nothing was applied");

    // With time to wait, the second waits for the first and then releases its own change.
    const waiting = await Promise.all([run(OTHER_A, 300), run(OTHER_B, 300)]);
    expect(
      waiting.map((r) => r.exitCode),
      waiting.map((r) => r.all).join("\n----\n"),
    ).toEqual([0, 0]);
    expect(waiting.map((r) => r.all).join("\n")).toMatch(
      /waiting for the release lock, held by \S+ pid \d+ \(up to 300 s\)/,
    );
    await expect(
      connect(cp.releaseKubeconfig).coordination.readNamespacedLease({
        name: LOCK_NAME,
        namespace: LOCK_NAMESPACE,
      }),
    ).rejects.toMatchObject({ code: 404 });
  }, 600_000);
});
