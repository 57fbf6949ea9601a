/** Checks of `configMaps.<id>` (text values) and `secrets.<id>` (generated keys). */
import { isObj, type Obj, type Problem } from "./values-access.ts";

export function configObjectProblems(values: Obj): Problem[] {
  const out: Problem[] = [];
  for (const [id, cm] of Object.entries(isObj(values.configMaps) ? values.configMaps : {})) {
    for (const [key, v] of Object.entries(isObj(cm) && isObj(cm.data) ? cm.data : {})) {
      if (typeof v === "object" && v !== null)
        out.push([
          `values.configMaps.${id}.data.${key}`,
          "is not text",
          "write the file content as a string (a block scalar: |)",
        ]);
    }
  }
  for (const [id, s] of Object.entries(isObj(values.secrets) ? values.secrets : {})) {
    const secret = isObj(s) ? s : {};
    const given = isObj(secret.stringData) ? secret.stringData : {};
    for (const [key, g] of Object.entries(isObj(secret.generate) ? secret.generate : {})) {
      const at = `values.secrets.${id}.generate.${key}`;
      if (key in given)
        out.push([
          at,
          `key "${key}" is both generated and given in stringData`,
          `remove it from secrets.${id}.stringData or from generate`,
        ]);
      const length = isObj(g) && g.length !== undefined && g.length !== null ? g.length : 32;
      if (!/^[0-9]+$/.test(String(length)) || Number(length) <= 0)
        out.push([
          `${at}.length`,
          `${String(length)} is not a positive whole number`,
          "set the number of characters, e.g. 32",
        ]);
    }
  }
  return out;
}
