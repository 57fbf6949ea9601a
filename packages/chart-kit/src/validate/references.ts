/** A reference `{ identifier | name }` to a chart Secret or ConfigMap (or an existing object by name). */
import { choices, enabledIds, isObj, type Obj, type Problem } from "./values-access.ts";

export function referenceProblems(
  values: Obj,
  at: string,
  ref: unknown,
  map: "secrets" | "configMaps",
): Problem[] {
  const r = isObj(ref) ? ref : {};
  const ids = enabledIds(values[map]);
  if (r.identifier) {
    if (ids.has(String(r.identifier))) return [];
    return [
      [
        `${at}.identifier`,
        `"${String(r.identifier)}" is not one of the chart's ${map}`,
        `use one of: ${choices(ids)}, or name an existing object with \`name\``,
      ],
    ];
  }
  if (r.name) return [];
  return [[at, "names nothing", `set identifier (an id under ${map}) or name (an existing object)`]];
}
