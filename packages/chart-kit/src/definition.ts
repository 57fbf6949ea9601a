/**
 * The typed service definition (chart kit v2): what an `apps/<service>` package
 * writes and the chart kit turns into a complete Helm chart. The chart's
 * objects are rendered by the `homelab-common` library chart from `values`,
 * which uses bjw-s app-template's value names (see library/VALUES.md).
 *
 * The defaults are secure (non-root, read-only root filesystem, all
 * capabilities dropped, seccomp RuntimeDefault, no privilege escalation, no
 * host namespaces). Every departure a service needs is declared in
 * `exceptions` with its reason: the build refuses an undeclared one (and a
 * declared one that is not used), the chart README lists them, and they set
 * the chart's Pod Security level.
 */
import type { ChartValues, ValuesOverride } from "./values-model/index.ts";

/** A person or team that maintains a chart. */
export interface Maintainer {
  name: string;
  /** Default: none. */
  email?: string;
  /** Default: none. */
  url?: string;
}

/** Pod Security Standards level a service's pods need. */
export type PodSecurityLevel = "restricted" | "baseline" | "privileged";

/** The kinds of departure from the secure defaults, each needing a declared exception. */
export type ExceptionKind =
  | "runAsRoot"
  | "writableRootFilesystem"
  | "capabilities"
  | "privileged"
  | "privilegeEscalation"
  | "hostNetwork"
  | "hostPID"
  | "hostIPC"
  | "hostPath"
  | "hostPort"
  | "nfs";

/**
 * One declared departure from the secure defaults, with its reason. Where it
 * applies: `controller` (and `container`, for container settings), or
 * `volume` for a hostPath or nfs volume.
 */
export interface ExceptionDefinition {
  kind: ExceptionKind;
  /** The controller id. Default: not set; required for every kind but hostPath and nfs. */
  controller?: string;
  /** The container (or init container) id. Default: not set; required for container settings. */
  container?: string;
  /** The persistence id of a hostPath or nfs volume. Default: not set. */
  volume?: string;
  /** Why the service needs it; printed in the chart README and values.yaml. */
  reason: string;
}

/** A homelab service, as an `apps/<service>` package declares it. */
export interface ServiceDefinition {
  /** Chart name: DNS-1123 label. */
  name: string;
  description: string;
  /** Project homepage. */
  home: string;
  /** Source repositories. Default: none. */
  sources?: string[];
  /** Default: the homelab maintainers. */
  maintainers?: Maintainer[];
  /** Default: none. */
  keywords?: string[];
  /** Default: none. */
  icon?: string;
  /** Default: `>=1.28.0-0`. */
  kubeVersion?: string;
  /** Departures from the secure defaults, each with its reason. Default: none. */
  exceptions?: ExceptionDefinition[];
  /**
   * The chart's default values in the values model (library/VALUES.md): the
   * `main` controller's `main` container image tag is the chart's appVersion.
   */
  values: ChartValues;
}

/** Named sets of values an installer might use, written to `ci/<name>-values.yaml`. */
export type CiValues = Record<string, ValuesOverride>;

/** Identity for a definition: `defineService` only checks the type and keeps literal inference. */
export function defineService(definition: ServiceDefinition): ServiceDefinition {
  return definition;
}

/** Identity for ci value sets, so they are checked against the values model. */
export function defineCiValues(values: CiValues): CiValues {
  return values;
}
