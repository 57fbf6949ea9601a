import type { RenderedPod } from "../config/rendered-objects.ts";
import type { PodSecurityLevel } from "./classify-pod.ts";
import { classifyPod, morePermissive } from "./classify-pod.ts";

/**
 * Namespaces Kubernetes and k3s run their own pods in. The release never labels them and
 * refuses them as a service's target namespace (a ConfigError before anything is written):
 * enforcing a level there would block k3s's own pods (svclb, the local-path helper).
 */
export const SYSTEM_NAMESPACES: readonly string[] = ["kube-system", "kube-public", "kube-node-lease"];

/** The least level that admits every pod one service renders, and why it needs that much. */
export interface ServicePodSecurity {
  service: string;
  namespace: string;
  level: PodSecurityLevel;
  /** What needs more than restricted, e.g. `Deployment/home-assistant: host network`. */
  findings: { needs: "baseline" | "privileged"; what: string }[];
}

/** A namespace's level: the most permissive need of the services sharing it. */
export interface NamespaceLevel {
  namespace: string;
  level: PodSecurityLevel;
  /** Every service released into it, sorted. */
  services: string[];
  /** The service that needs `level` (the first by name when several do); none when restricted. */
  neededBy?: string;
  /** Why `neededBy` needs it: its findings at that level. */
  reasons: string[];
}

/** A service's need from the pods its chart renders with the final values. */
export function servicePodSecurity(
  service: string,
  namespace: string,
  pods: readonly RenderedPod[],
): ServicePodSecurity {
  let level: PodSecurityLevel = "restricted";
  const findings: ServicePodSecurity["findings"] = [];
  for (const pod of pods) {
    const need = classifyPod(pod.spec, pod.metadata);
    level = morePermissive(level, need.level);
    for (const f of need.findings) findings.push({ needs: f.needs, what: `${pod.workload}: ${f.what}` });
  }
  return { service, namespace, level, findings };
}

/** Each target namespace's level across the services sharing it, sorted by namespace. */
export function namespaceLevels(services: readonly ServicePodSecurity[]): NamespaceLevel[] {
  const byNamespace = new Map<string, ServicePodSecurity[]>();
  for (const s of services) byNamespace.set(s.namespace, [...(byNamespace.get(s.namespace) ?? []), s]);
  return [...byNamespace.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([namespace, members]) => {
      const sorted = [...members].sort((a, b) => (a.service < b.service ? -1 : 1));
      const level = sorted.reduce<PodSecurityLevel>((l, s) => morePermissive(l, s.level), "restricted");
      const needing = level === "restricted" ? undefined : sorted.find((s) => s.level === level);
      return {
        namespace,
        level,
        services: sorted.map((s) => s.service),
        ...(needing ? { neededBy: needing.service } : {}),
        reasons: needing ? needing.findings.filter((f) => f.needs === level).map((f) => f.what) : [],
      };
    });
}

/** Namespace labels that make the apiserver enforce (and warn and audit) a Pod Security level. */
export function podSecurityLabels(level: PodSecurityLevel): Record<string, string> {
  return {
    "pod-security.kubernetes.io/enforce": level,
    "pod-security.kubernetes.io/warn": level,
    "pod-security.kubernetes.io/audit": level,
  };
}

/** `privileged (needed by home-assistant: host network; ...)`, for plans and messages. */
export function describeLevel(ns: NamespaceLevel, maxReasons = 3): string {
  if (!ns.neededBy) return ns.level;
  const shown = ns.reasons.slice(0, maxReasons).join("; ");
  const more = ns.reasons.length > maxReasons ? `; ${ns.reasons.length - maxReasons} more` : "";
  return `${ns.level} (needed by ${ns.neededBy}: ${shown}${more})`;
}
