/** Where a volume block mounts its volume: every container, or one container of one controller. */
import type { Mount } from "../values-model/mount.ts";
import type { Persistence } from "../values-model/persistence.ts";

/** One container of one controller, for a volume only it mounts. */
export interface MountTarget {
  /** The controller id (`controllers.<id>`). */
  readonly controller: string;
  /** The container (or init container) id. Default: `"main"`. */
  readonly container?: string;
}

/** `globalMounts`, or `advancedMounts` of one container when `target` is given. */
export function mountsOf(mount: Mount, target: MountTarget | undefined): Persistence {
  if (target === undefined) return { globalMounts: [mount] };
  return { advancedMounts: { [target.controller]: { [target.container ?? "main"]: [mount] } } };
}
