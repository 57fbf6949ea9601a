/**
 * `needs:` between services: which service waits for which. Checked with the config (unknown
 * or disabled names, cycles), and turned into the order a release follows: levels of services
 * that can go in parallel, each level after the ones it needs.
 */
import type { ConfigViolation } from "../config/validate-config.ts";

/** What this module reads of a service entry. */
export interface NeedsEntry {
  enabled?: boolean;
  needs?: string[];
}

/**
 * Problems with `needs:`: a name that is not a service of the config, a service that is not
 * enabled, a service that needs itself, and every cycle (named in full: `a -> b -> a`).
 */
export function needsViolations(services: Readonly<Record<string, NeedsEntry>>): ConfigViolation[] {
  const out: ConfigViolation[] = [];
  const names = Object.keys(services).sort();
  for (const name of names) {
    const entry = services[name]!;
    if (entry.enabled === false) continue;
    const seen = new Set<string>();
    (entry.needs ?? []).forEach((need, i) => {
      const path = ["services", name, "needs", i];
      if (seen.has(need)) {
        out.push({ path, problem: `lists ${need} twice`, fix: `remove the second ${need}` });
      } else if (!(need in services)) {
        out.push({
          path,
          problem: `"${need}" is not a service of this config`,
          fix: `use one of: ${names.filter((n) => n !== name).join(", ") || "(no other service)"}`,
        });
      } else if (services[need]!.enabled === false) {
        out.push({
          path,
          problem: `${need} is not enabled (enabled: false), so ${name} would wait for it forever`,
          fix: `enable ${need}, or remove it from services.${name}.needs`,
        });
      }
      seen.add(need);
    });
  }
  for (const cycle of findCycles(enabledNeeds(services))) {
    const first = cycle[0]!;
    const index = (services[first]!.needs ?? []).indexOf(cycle[1]!);
    out.push({
      path: ["services", first, "needs", ...(index >= 0 ? [index] : [])],
      problem: cycle.length === 2 ? `${first} needs itself` : `a cycle of needs: ${cycle.join(" -> ")}`,
      fix:
        cycle.length === 2
          ? `remove ${first} from services.${first}.needs`
          : "remove one of these needs, so that no service waits for itself",
    });
  }
  return out;
}

/** Enabled service -> the enabled services it needs (unknown and disabled ones left out). */
export function enabledNeeds(services: Readonly<Record<string, NeedsEntry>>): Map<string, string[]> {
  const enabled = Object.entries(services).filter(([, s]) => s.enabled !== false);
  const names = new Set(enabled.map(([n]) => n));
  return new Map(
    enabled.map(([n, s]) => [n, [...new Set(s.needs ?? [])].filter((x) => names.has(x)).sort()]),
  );
}

/**
 * One cycle per group of services that wait for each other (a strongly connected component,
 * found with Tarjan's algorithm), as the shortest path that closes it (`[a, b, a]`), starting
 * at the group's alphabetically first service. Linear in the size of the graph.
 */
export function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  let counter = 0;
  const connect = (node: string) => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (!index.has(next)) {
        connect(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    for (;;) {
      const n = stack.pop()!;
      onStack.delete(n);
      group.push(n);
      if (n === node) break;
    }
    if (group.length > 1 || (graph.get(node) ?? []).includes(node)) groups.push(group.sort());
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) connect(node);
  return groups.map((g) => shortestCycle(graph, g)).sort((a, b) => (a.join(" ") < b.join(" ") ? -1 : 1));
}

/** The shortest path from the group's first service back to itself, inside the group. */
function shortestCycle(graph: ReadonlyMap<string, readonly string[]>, group: readonly string[]): string[] {
  const start = group[0]!;
  const inGroup = new Set(group);
  const from = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const node = queue.shift()!;
    for (const next of [...(graph.get(node) ?? [])].sort()) {
      if (!inGroup.has(next)) continue;
      if (next === start) {
        const path = [node];
        while (path[0] !== start) path.unshift(from.get(path[0]!)!);
        return [...path, start];
      }
      if (!from.has(next)) {
        from.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start, start];
}

/**
 * The release order: levels of services, each needing only services of earlier levels; the
 * services of one level go in parallel. Assumes no cycles (needsViolations rejected them);
 * needs outside `names` count as met.
 */
export function releaseLevels(
  names: readonly string[],
  needsOf: (name: string) => readonly string[],
): string[][] {
  const included = new Set(names);
  const level = new Map<string, number>();
  const depth = (name: string, trail: Set<string>): number => {
    const known = level.get(name);
    if (known !== undefined) return known;
    if (trail.has(name)) throw new Error(`needs cycle through ${name}`);
    trail.add(name);
    const needs = needsOf(name).filter((n) => included.has(n));
    const d = needs.length ? Math.max(...needs.map((n) => depth(n, trail))) + 1 : 0;
    trail.delete(name);
    level.set(name, d);
    return d;
  };
  const levels: string[][] = [];
  for (const name of [...names].sort()) (levels[depth(name, new Set())] ??= []).push(name);
  return levels.map((l) => l.sort());
}

/** `1. cert-manager  2. jellyfin, vaultwarden`: the order as one progress line. */
export function describeOrder(levels: readonly (readonly string[])[]): string {
  return levels.map((l, i) => `${i + 1}. ${l.join(", ")}`).join("  ");
}
