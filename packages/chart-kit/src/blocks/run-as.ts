/** The user and groups a pod runs as: its `securityContext` keys laid over the secure default. */

/** The identity keys of a pod's securityContext. */
export type PodIdentity = {
  runAsNonRoot?: false;
  runAsUser: number;
  runAsGroup: number;
  fsGroup?: number;
};

/** Options of {@link runAsUser}. */
export interface RunAsUserOptions {
  /** The primary group. Default: the same number as the user. */
  readonly group?: number;
  /** The group that owns the pod's volumes. Default: the primary group. */
  readonly fsGroup?: number;
}

/**
 * A pod securityContext (`controllers.<id>.pod.securityContext`) that runs as the image's own
 * non-root user instead of the chart's default uid/gid/fsGroup 1000; the other keys of the secure
 * default (runAsNonRoot, seccomp) stay.
 *
 * @param uid The user id, e.g. 472 for Grafana's `grafana` user.
 * @example
 * pod: { securityContext: runAsUser(999) }   // the postgres image's user
 */
export function runAsUser(uid: number, options: RunAsUserOptions = {}): PodIdentity {
  const { group = uid, fsGroup = group } = options;
  return { runAsUser: uid, runAsGroup: group, fsGroup };
}

/** Options of {@link runAsRoot}. */
export interface RunAsRootOptions {
  /** The group that owns the pod's volumes. Default: not written (the chart's default, 1000, stays). */
  readonly fsGroup?: number;
}

/**
 * A pod securityContext that runs as root (uid and gid 0, runAsNonRoot off), for images whose
 * init must start as root. A departure from the secure defaults: the definition must declare a
 * `runAsRoot` exception for the controller, with its reason.
 *
 * @example
 * pod: { securityContext: runAsRoot({ fsGroup: 0 }) }
 */
export function runAsRoot(options: RunAsRootOptions = {}): PodIdentity {
  const { fsGroup } = options;
  return { runAsNonRoot: false, runAsUser: 0, runAsGroup: 0, ...(fsGroup === undefined ? {} : { fsGroup }) };
}
