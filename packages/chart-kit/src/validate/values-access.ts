/**
 * Reading chart values the way the library reads them: id maps whose entries
 * are on unless `enabled: false`, walked in id order, and the rules that
 * several kinds share (which controller a Service selects, a Service's ports).
 */

export type Obj = Record<string, unknown>;
/** One problem of a definition: the key path, what is wrong, and the fix. */
export type Problem = [field: string, problem: string, fix: string];

export const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** An id map's entry is on when it is null, or a map whose `enabled` is absent, null or true. */
export const isEnabled = (entry: unknown): boolean =>
  entry === null || entry === undefined || (isObj(entry) && entry.enabled !== false);

/** The enabled entries of an id map, sorted by id (null entries read as {}). */
export function enabledEntries(map: unknown): [string, Obj][] {
  if (!isObj(map)) return [];
  return Object.keys(map)
    .sort()
    .filter((id) => isEnabled(map[id]))
    .map((id) => [id, isObj(map[id]) ? map[id] : {}]);
}

export const enabledIds = (map: unknown): Set<string> => new Set(enabledEntries(map).map(([id]) => id));
export const keysOf = (map: unknown): string[] => (isObj(map) ? Object.keys(map) : []);
export const listOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const choices = (ids: Iterable<string>): string => [...ids].sort().join(", ") || "(none)";

/** The controller a Service sends traffic to: its `controller`, else the only enabled one, else main. */
export function serviceControllerId(values: Obj, service: Obj): string {
  if (service.controller) return String(service.controller);
  const enabled = enabledIds(values.controllers);
  return enabled.size === 1 ? [...enabled][0]! : "main";
}

/** The protocol a port travels with: HTTP and HTTPS are TCP on the wire. */
export function wireProtocol(protocol: unknown): string {
  const p = String(protocol ?? "TCP").toUpperCase();
  return p === "HTTP" || p === "HTTPS" ? "TCP" : p;
}

/** The enabled Services whose pods are those of one controller. */
export function servicesOf(values: Obj, controllerId: string): [string, Obj][] {
  return enabledEntries(values.service).filter(([, s]) => serviceControllerId(values, s) === controllerId);
}
