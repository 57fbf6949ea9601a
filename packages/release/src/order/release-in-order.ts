import type { HomelabConfig } from "../config/schema.ts";
import type { ServiceResult } from "../execute-plan.ts";
import type { ServicePlan } from "../plan/plan-release.ts";
import { describeOrder, enabledNeeds, releaseLevels } from "./dependency-graph.ts";
import { runInDependencyOrder } from "./run-in-order.ts";

/** Progress output of a release: `say(service, message)`. */
type Say = (service: string, message: string) => void;

/** The name progress lines about the whole release use. */
export const RELEASE_PROGRESS = "release";

/** Says the order `needs:` gives the services of a plan (`1. cert-manager  2. jellyfin`), when there is one. */
export function sayOrder(plans: readonly ServicePlan[], config: HomelabConfig, say: Say): void {
  const needs = enabledNeeds(config.services);
  const levels = releaseLevels(
    plans.filter((p) => p.change !== "delete").map((p) => p.service),
    (name) => needs.get(name) ?? [],
  );
  if (levels.length > 1) say(RELEASE_PROGRESS, `order (needs): ${describeOrder(levels)}`);
}

/**
 * Releases the services of a plan in the order their `needs:` give: a service starts when
 * every service it needs is released and running; services that do not depend on each other
 * go in parallel (at most `concurrency` installing at once; a service waiting for its pods
 * gives its place back). When a service fails, the services that need it
 * (directly or not) are not touched: they end `skipped`, naming the service and its reason.
 * Says the order first when there is one, and why a service waits.
 */
export async function releaseInOrder(
  plans: readonly ServicePlan[],
  config: HomelabConfig,
  options: { concurrency: number; say: Say },
  release: (plan: ServicePlan, freeSlot: () => void) => Promise<ServiceResult>,
): Promise<ServiceResult[]> {
  const needs = enabledNeeds(config.services);
  const needsOf = (name: string) => needs.get(name) ?? [];
  sayOrder(plans, config, options.say);
  const present = new Set(plans.map((p) => p.service));
  return runInDependencyOrder(plans, {
    name: (p) => p.service,
    needs: (p) => needsOf(p.service),
    concurrency: options.concurrency,
    onWait: (p, waiting) => options.say(p.service, `waiting for ${waiting.join(", ")} (needs)`),
    run: (p, freeSlot) => {
      const met = needsOf(p.service).filter((n) => present.has(n));
      if (met.length) options.say(p.service, `starting: ${met.join(", ")} released`);
      return release(p, freeSlot);
    },
    succeeded: (r) => r.status !== "failed" && r.status !== "skipped",
    skip: (p, need, r) => {
      const why =
        r.status === "skipped" ? `was skipped (${r.reason ?? "?"})` : `failed: ${r.reason ?? "see above"}`;
      options.say(
        p.service,
        `skipped: it needs ${need}, which ${r.status === "skipped" ? "was skipped" : "failed"}`,
      );
      return {
        service: p.service,
        change: p.change,
        status: "skipped",
        diff: p.diff,
        seconds: 0,
        reason: `not released: it needs ${need}, which ${why}`,
      };
    },
  });
}
