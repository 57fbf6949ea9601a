import type { Plan, ServicePlan } from "./plan-release.ts";

/** True when a service's plan writes its Secrets or its HelmChart. */
export const serviceWrites = (plan: ServicePlan) =>
  plan.change === "create" || plan.change === "update" || plan.secrets.some((s) => !s.unchanged);

/** True when carrying out the plan writes anything (deletes only with prune). */
export function planWrites(plan: Plan, options: { prune?: boolean } = {}): boolean {
  return (
    plan.namespaces.some((n) => Object.keys(n.labels).length > 0) ||
    (plan.components ?? []).some((c) => c.change !== "unchanged") ||
    plan.services.some((p) => (p.change === "delete" ? Boolean(options.prune) : serviceWrites(p)))
  );
}
