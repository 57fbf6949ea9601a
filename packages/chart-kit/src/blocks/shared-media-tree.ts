/**
 * Installer value sets for the one media and downloads tree that the *arr apps and the download
 * client share at /data (hardlinks and atomic moves need one filesystem at the same path).
 */
import type { CiValues } from "../definition.ts";
import { allowFromNamespaces } from "./allow-from-namespaces.ts";

/** Options of {@link sharedMediaTreeCiValues}. */
export interface SharedMediaTreeOptions {
  /** Other namespaces the app admits when it runs in the shared namespace (`allowFrom`). Default: none. */
  readonly allowFrom?: readonly string[];
  /** The NFS server of the shared export. Default: `"nas.home.arpa"`. */
  readonly server?: string;
  /** The exported path. Default: `"/export/data"`. */
  readonly exportPath?: string;
  /** The shared namespace, where every app of the tree runs. Default: `"media"`. */
  readonly namespace?: string;
  /** The ReadWriteMany claim in that namespace. Default: `"media-data"`. */
  readonly claim?: string;
}

/**
 * Two named value sets for `ci/` (an app's `persistence.data` mounted at /data):
 * `shared-nfs`, the tree is one NFS export every app mounts (the namespace then needs Pod Security
 * baseline for the inline nfs volume); `shared-namespace`, the apps run in one namespace and
 * share one ReadWriteMany claim, and the app's network policy admits that namespace (then
 * `allowFrom`).
 *
 * @example
 * export const ciValues = defineCiValues({ representative, ...sharedMediaTreeCiValues({ allowFrom: ["prowlarr"] }) });
 */
export function sharedMediaTreeCiValues(options: SharedMediaTreeOptions = {}): CiValues {
  const {
    allowFrom = [],
    server = "nas.home.arpa",
    exportPath = "/export/data",
    namespace = "media",
    claim = "media-data",
  } = options;
  return {
    "shared-nfs": {
      persistence: { data: { type: "nfs", server, path: exportPath, globalMounts: [{ path: "/data" }] } },
    },
    "shared-namespace": {
      persistence: { data: { existingClaim: claim, globalMounts: [{ path: "/data" }] } },
      networkpolicies: { main: allowFromNamespaces([namespace, ...allowFrom]) },
    },
  };
}
