/**
 * Which Compose services one draft holds: the chosen one (the `main`
 * controller), any others chosen, and every service they depend on
 * (`depends_on`, transitively), each as a controller id.
 */
import type { ComposeFile, Obj } from "./compose-file.ts";
import { fail, isObj } from "./compose-file.ts";

export interface Selection {
  /** Compose service name -> controller id, the main service first, then in the order they were reached. */
  controllers: Map<string, string>;
  /** Services of the file the draft leaves out. */
  left: string[];
}

export interface Dependency {
  service: string;
  /** service_started (the default), service_healthy or service_completed_successfully. */
  condition: string;
}

/** The `depends_on` of a service (list or mapping form). */
export function dependsOn(compose: ComposeFile, name: string, service: Obj): Dependency[] {
  const value = service.depends_on;
  const at = ["services", name, "depends_on"];
  if (value === undefined || value === null) return [];
  const deps: Dependency[] = Array.isArray(value)
    ? value.map((s: unknown) => ({ service: String(s), condition: "service_started" }))
    : isObj(value)
      ? Object.entries(value).map(([s, o]) => ({
          service: s,
          condition: isObj(o) && typeof o.condition === "string" ? o.condition : "service_started",
        }))
      : fail(
          compose,
          at,
          "is neither a list nor a mapping",
          "list the services it needs, e.g. depends_on: [db]",
        );
  for (const d of deps) {
    if (!compose.services.has(d.service)) {
      fail(
        compose,
        at,
        `names "${d.service}", which is not a service of this file`,
        `use one of: ${[...compose.services.keys()].join(", ")}`,
      );
    }
  }
  return deps;
}

/** A controller id from a service name: lowercase letters, digits and dashes. */
export function controllerId(name: string): string {
  const id = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 30)
    .replace(/-+$/, "");
  return id || "app";
}

/**
 * Picks the services of a draft. `wanted` names the main service first; without
 * it the file's only service. Throws when a name is unknown, or when the file
 * has several services and none is named.
 */
export function selectServices(
  compose: ComposeFile,
  wanted: readonly string[],
  chartName: string,
): Selection {
  const names = [...compose.services.keys()];
  const list = names.join(", ");
  if (wanted.length === 0 && names.length > 1) {
    fail(
      compose,
      ["services"],
      `has ${names.length} services (${list})`,
      "pick one with --service NAME (the services it depends on come with it)",
    );
  }
  const roots = wanted.length ? wanted : names;
  for (const w of roots) {
    if (!compose.services.has(w))
      fail(compose, ["services"], `has no service "${w}"`, `use --service with one of: ${list}`);
  }
  const order: string[] = [];
  const visit = (name: string) => {
    if (order.includes(name)) return;
    order.push(name);
    for (const d of dependsOn(compose, name, compose.services.get(name) ?? {})) visit(d.service);
  };
  roots.forEach(visit);
  const controllers = new Map<string, string>();
  const used = new Set<string>();
  order.forEach((name, i) => {
    let id = "main";
    if (i > 0) {
      const base = controllerId(name);
      const prefix = `${chartName}-`;
      id = base.startsWith(prefix) && base.length > prefix.length ? base.slice(prefix.length) : base;
      if (id === "main") id = `${id}-${i}`;
      for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    }
    used.add(id);
    controllers.set(name, id);
  });
  return { controllers, left: names.filter((n) => !controllers.has(n)) };
}
