/** A scratch volume (emptyDir) that lives as long as the pod, mounted at one path. */
import type { Persistence } from "../values-model/persistence.ts";
import { type MountTarget, mountsOf } from "./mounts.ts";

/** Options of {@link emptyDir}. */
export interface EmptyDirOptions {
  /** Where the volume is mounted, e.g. `/tmp`. */
  readonly path: string;
  /** `"Memory"` for a tmpfs, which counts against the container's memory. Default: not written (the node's disk). */
  readonly medium?: "Memory";
  /** The size limit, e.g. `256Mi`. Default: not written (no limit). */
  readonly sizeLimit?: string;
  /** Mount it only in this container. Default: every container of every controller (globalMounts). */
  readonly mountIn?: MountTarget;
}

/**
 * A `persistence.<id>` entry of type emptyDir: the writable directories an image needs besides
 * a read-only root filesystem (`/tmp`, run and lock directories, caches).
 *
 * @example
 * persistence: { tmp: emptyDir({ path: "/tmp" }) }
 */
export function emptyDir(options: EmptyDirOptions): Persistence {
  const { path, medium, sizeLimit, mountIn } = options;
  return {
    type: "emptyDir",
    ...(medium === undefined ? {} : { medium }),
    ...(sizeLimit === undefined ? {} : { sizeLimit }),
    ...mountsOf({ path }, mountIn),
  };
}
