/** A persistent volume claim of the chart, mounted at one path. */
import type { Persistence } from "../values-model/persistence.ts";
import { type MountTarget, mountsOf } from "./mounts.ts";

/** Options of {@link volumeClaim}. */
export interface VolumeClaimOptions {
  /** The requested size, e.g. `5Gi`. */
  readonly size: string;
  /** Where the volume is mounted, e.g. `/config`. */
  readonly path: string;
  /** Mount it read-only. Default: not written (read-write). */
  readonly readOnly?: boolean;
  /**
   * Keep the claim when the release is uninstalled. Default: not written (the chart's default,
   * true); `false` for regenerable data such as caches.
   */
  readonly retain?: boolean;
  /** Mount it only in this container. Default: every container of every controller (globalMounts). */
  readonly mountIn?: MountTarget;
}

/**
 * A `persistence.<id>` entry of type persistentVolumeClaim: a claim of `size` made by the chart
 * (an installer can point it at an `existingClaim`, NFS, ...), mounted at `path`.
 *
 * @example
 * persistence: { config: volumeClaim({ size: "2Gi", path: "/config" }) }
 */
export function volumeClaim(options: VolumeClaimOptions): Persistence {
  const { size, path, readOnly, retain, mountIn } = options;
  return {
    type: "persistentVolumeClaim",
    size,
    ...(retain === undefined ? {} : { retain }),
    ...mountsOf({ path, ...(readOnly === undefined ? {} : { readOnly }) }, mountIn),
  };
}
