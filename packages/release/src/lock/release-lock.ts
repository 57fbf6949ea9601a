import { hostname, userInfo } from "node:os";
import type { V1Lease } from "@kubernetes/client-node";
import { ExitCode, FixableError } from "@homelab/errors";
import type { Kube } from "../cluster/kube.ts";
import { apiMessage, statusOf } from "../cluster/kube.ts";
import { ClusterUnreachableError } from "../errors.ts";
import { LEASE_SECONDS } from "./lease-seconds.ts";

/** The Lease that lets one release at a time write to a cluster. */
export const LOCK_NAMESPACE = "kube-system";
export const LOCK_NAME = "homelab-release";

/** Another release holds the lock (exit code 4). */
export class ReleaseBusyError extends FixableError {
  override readonly name = "ReleaseBusyError";
  constructor(
    readonly holder: string,
    waitedSeconds: number,
  ) {
    super(
      `another release is running: the lock (Lease ${LOCK_NAMESPACE}/${LOCK_NAME}) is held by ${holder}` +
        (waitedSeconds > 0 ? `, still after ${waitedSeconds} s of waiting` : ""),
      `wait for that release to end and run again, or pass --lock-timeout SECONDS to wait longer; a release that crashed frees the lock ${LEASE_SECONDS} s after its last renewal`,
      { exitCode: ExitCode.busy },
    );
  }
}

export interface LockOptions {
  /** How long to wait for a lock another release holds. Default: 0 (fail at once). */
  waitMs?: number;
  /** Who this release is. Default: `user@host pid N`. */
  holder?: string;
  /** Default: LEASE_SECONDS. */
  leaseSeconds?: number;
  /** Default: 1000 ms. */
  pollMs?: number;
  /** Messages while waiting, and when an expired lock is taken over. */
  onMessage?: (message: string) => void;
}

/** A held lock: renewed in the background until released. */
export interface ReleaseLock {
  holder: string;
  /** True when a renewal found the lease taken by someone else (this release outlived it). */
  lost(): boolean;
  /** Stops renewing and deletes the lease (only if it is still this release's). */
  release(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A MicroTime as the apiserver writes it (RFC 3339, six fractional digits). */
const microTime = (d = new Date()) => d.toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
const defaultHolder = () => `${userInfo().username}@${hostname()} pid ${process.pid}`;

/**
 * Takes the release lock: a coordination.k8s.io Lease in kube-system, held (and renewed
 * every third of its duration) for the release's length. When another release holds it,
 * waits up to `waitMs` with a message, then throws ReleaseBusyError naming the holder. A
 * lease not renewed for its duration (a crashed release) is taken over.
 */
export async function acquireReleaseLock(kube: Kube, options: LockOptions = {}): Promise<ReleaseLock> {
  const holder = options.holder ?? defaultHolder();
  const leaseSeconds = options.leaseSeconds ?? LEASE_SECONDS;
  const started = Date.now();
  const say = options.onMessage ?? (() => undefined);
  let lastMessage = "";
  // When this process first saw the current renewTime: a lease unchanged for its duration is expired.
  let seen: { renewTime: string; at: number } | undefined;
  for (;;) {
    const lease = await readLease(kube);
    if (!lease) {
      const created = await writeLease(kube, undefined, holder, leaseSeconds, 0);
      if (created) return held(kube, created, holder, leaseSeconds);
      continue;
    }
    const spec = lease.spec ?? {};
    const renewTime = new Date(spec.renewTime ?? spec.acquireTime ?? 0).toISOString();
    if (!seen || seen.renewTime !== renewTime) seen = { renewTime, at: Date.now() };
    const duration = (spec.leaseDurationSeconds ?? leaseSeconds) * 1000;
    const expired =
      !spec.holderIdentity ||
      Date.now() - seen.at > duration ||
      new Date(renewTime).getTime() + duration < Date.now();
    if (expired) {
      const taken = await writeLease(kube, lease, holder, leaseSeconds, (spec.leaseTransitions ?? 0) + 1);
      if (taken) {
        if (spec.holderIdentity)
          say(
            `took over the release lock of ${spec.holderIdentity}: not renewed for ${duration / 1000} s (a release that ended without freeing it)`,
          );
        return held(kube, taken, holder, leaseSeconds);
      }
      continue;
    }
    const waited = Math.round((Date.now() - started) / 1000);
    if (Date.now() - started >= (options.waitMs ?? 0))
      throw new ReleaseBusyError(spec.holderIdentity ?? "?", waited);
    const message = `waiting for the release lock, held by ${spec.holderIdentity} (up to ${Math.round((options.waitMs ?? 0) / 1000)} s)`;
    if (message !== lastMessage) say(message);
    lastMessage = message;
    await sleep(options.pollMs ?? 1000);
  }
}

async function readLease(kube: Kube): Promise<V1Lease | undefined> {
  try {
    return await kube.coordination.readNamespacedLease({ name: LOCK_NAME, namespace: LOCK_NAMESPACE });
  } catch (e) {
    if (statusOf(e) === 404) return undefined;
    throw unreachable(e);
  }
}

/** Creates the lease (current undefined) or takes it over; undefined when another writer won. */
async function writeLease(
  kube: Kube,
  current: V1Lease | undefined,
  holder: string,
  leaseSeconds: number,
  transitions: number,
): Promise<V1Lease | undefined> {
  const now = microTime();
  const body = {
    apiVersion: "coordination.k8s.io/v1",
    kind: "Lease",
    metadata: {
      name: LOCK_NAME,
      namespace: LOCK_NAMESPACE,
      ...(current ? { resourceVersion: current.metadata!.resourceVersion! } : {}),
    },
    spec: {
      holderIdentity: holder,
      leaseDurationSeconds: leaseSeconds,
      acquireTime: now,
      renewTime: now,
      leaseTransitions: transitions,
    },
  } as unknown as V1Lease;
  try {
    return current
      ? await kube.coordination.replaceNamespacedLease({ name: LOCK_NAME, namespace: LOCK_NAMESPACE, body })
      : await kube.coordination.createNamespacedLease({ namespace: LOCK_NAMESPACE, body });
  } catch (e) {
    if (statusOf(e) === 409) return undefined;
    throw unreachable(e);
  }
}

function held(kube: Kube, lease: V1Lease, holder: string, leaseSeconds: number): ReleaseLock {
  let current = lease;
  let lost = false;
  const renew = async () => {
    try {
      const latest = await kube.coordination.readNamespacedLease({
        name: LOCK_NAME,
        namespace: LOCK_NAMESPACE,
      });
      if (latest.spec?.holderIdentity !== holder) {
        lost = true;
        return;
      }
      latest.spec.renewTime = microTime() as unknown as Date;
      current = await kube.coordination.replaceNamespacedLease({
        name: LOCK_NAME,
        namespace: LOCK_NAMESPACE,
        body: latest,
      });
    } catch {
      // A missed renewal is retried at the next tick; the lease outlives two of them.
    }
  };
  const timer = setInterval(() => void renew(), Math.max(1000, (leaseSeconds * 1000) / 3));
  timer.unref();
  return {
    holder,
    lost: () => lost,
    release: async () => {
      clearInterval(timer);
      if (lost) return;
      try {
        await kube.coordination.deleteNamespacedLease({
          name: LOCK_NAME,
          namespace: LOCK_NAMESPACE,
          body: { preconditions: { uid: current.metadata!.uid! } },
        });
      } catch (e) {
        if (statusOf(e) !== 404 && statusOf(e) !== 409) throw unreachable(e);
      }
    },
  };
}

function unreachable(e: unknown): Error {
  if (statusOf(e) !== undefined && statusOf(e) !== 401 && statusOf(e) !== 403)
    return e instanceof Error ? e : new Error(apiMessage(e));
  return new ClusterUnreachableError(
    `cannot read or write the release lock (Lease ${LOCK_NAMESPACE}/${LOCK_NAME}): ${apiMessage(e)}`,
    "check that the kubeconfig points at the cluster and its user may get, create, update and delete Leases in kube-system",
    e,
  );
}
