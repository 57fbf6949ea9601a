import type { ConfigViolation } from "../config/validate-config.ts";
import type { K3sComponentsConfig } from "./k3s-components.ts";
import { disabledByFlags } from "./k3s-components.ts";

/** What this module reads of `k3s:`. */
interface K3sEntry {
  extraArgs?: string[];
  components?: K3sComponentsConfig;
}

/**
 * `k3s.components` against the rest of the config: a component both enabled there and
 * disabled by a `--disable` in `k3s.extraArgs`, and values for a component that is disabled.
 */
export function componentViolations(k3s: K3sEntry | undefined): ConfigViolation[] {
  const out: ConfigViolation[] = [];
  const byFlags = disabledByFlags(k3s?.extraArgs ?? []);
  for (const [name, c] of Object.entries(k3s?.components ?? {}) as [
    string,
    { enabled?: boolean; values?: object } | undefined,
  ][]) {
    if (c?.enabled !== false && byFlags.includes(name)) {
      out.push({
        path: ["k3s", "components", name],
        problem: `is enabled here, but k3s.extraArgs disables it (--disable ${name})`,
        fix: `say it once: set k3s.components.${name}.enabled: false and remove the --disable flag from k3s.extraArgs`,
      });
    }
    if (c?.enabled === false && c.values) {
      out.push({
        path: ["k3s", "components", name, "values"],
        problem: `${name} is disabled, so its values are never used`,
        fix: `remove the values, or enable ${name}`,
      });
    }
  }
  return out;
}
