import type { ManagedFieldsEntry } from "../cluster/helm-chart.ts";
import { FIELD_MANAGER } from "../plan/desired-helmchart.ts";

/** A field of a managed object that another field manager set. */
export interface Drift {
  /** e.g. `spec.valuesContent`. */
  field: string;
  /** The field manager that set it, e.g. `kubectl-edit`. */
  manager: string;
  operation: string;
  /** When, as the apiserver recorded it. */
  time?: string;
}

/**
 * Managers that write the objects of this tool as part of their job and are not drift:
 * helm-controller keeps its finalizer and status on HelmCharts.
 */
const CONTROLLERS = new Set(["helm-controller"]);

/** The leaf field paths of a fieldsV1 tree (`f:spec` -> `f:valuesContent` -> `spec.valuesContent`). */
export function fieldPaths(tree: Record<string, unknown>, prefix = ""): string[] {
  const out: string[] = [];
  for (const [key, sub] of Object.entries(tree)) {
    if (key === ".") continue;
    const name = key.startsWith("f:")
      ? key.slice(2)
      : key.startsWith("k:") || key.startsWith("v:")
        ? `[${key.slice(2)}]`
        : key;
    const path = prefix ? (name.startsWith("[") ? `${prefix}${name}` : `${prefix}.${name}`) : name;
    const children = sub && typeof sub === "object" ? Object.keys(sub).filter((k) => k !== ".") : [];
    if (children.length) out.push(...fieldPaths(sub as Record<string, unknown>, path));
    else out.push(path);
  }
  return out;
}

/**
 * The fields of an object this tool applies that another manager changed since (kubectl
 * edit, kubectl apply, a script): what they own under `spec`, and the labels and
 * annotations this tool sets. Status writes and the controllers' own bookkeeping are not
 * drift. Server-side apply gives a field to whoever changed it last, so a field that the
 * tool still owns was not changed by anyone else.
 */
export function driftOf(
  entries: readonly ManagedFieldsEntry[] | undefined,
  ownKeys: { labels?: readonly string[]; annotations?: readonly string[] } = {},
): Drift[] {
  const out: Drift[] = [];
  for (const e of entries ?? []) {
    const manager = e.manager ?? "(unnamed)";
    if (manager === FIELD_MANAGER || CONTROLLERS.has(manager) || e.subresource) continue;
    const fields = fieldPaths(e.fieldsV1 ?? {}).filter((f) => {
      if (f.startsWith("spec.") || f === "spec") return true;
      const label = /^metadata\.labels\.(.+)$/.exec(f)?.[1];
      if (label) return ownKeys.labels?.includes(label) ?? false;
      const annotation = /^metadata\.annotations\.(.+)$/.exec(f)?.[1];
      return annotation ? (ownKeys.annotations?.includes(annotation) ?? false) : false;
    });
    const time = e.time instanceof Date ? e.time.toISOString() : e.time;
    for (const field of fields)
      out.push({ field, manager, operation: e.operation ?? "?", ...(time ? { time } : {}) });
  }
  return out.sort((a, b) =>
    a.field < b.field ? -1 : a.field > b.field ? 1 : a.manager < b.manager ? -1 : 1,
  );
}

/** `spec.valuesContent changed by kubectl-edit (Update, 2026-11-25T19:00:00Z)`. */
export const describeDrift = (d: Drift) =>
  `${d.field} changed by ${d.manager} (${d.operation}${d.time ? `, ${d.time}` : ""})`;
