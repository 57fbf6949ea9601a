import { ConfigError } from "../errors.ts";
import { chartSecretIds } from "../plan/chart-values.ts";
import type { PackagedChart } from "../plan/desired-helmchart.ts";
import type { HomelabConfig } from "./schema.ts";

/** Problems with secret ids in the config that are not secrets of their chart. */
export function checkSecretIds(
  config: HomelabConfig,
  charts: ReadonlyMap<string, PackagedChart>,
  configFile: string,
): ConfigError[] {
  const errors: ConfigError[] = [];
  for (const [name, s] of Object.entries(config.services)) {
    const chart = charts.get(name);
    if (!chart) continue;
    const ids = chartSecretIds(chart.defaultValues);
    for (const id of Object.keys(s.secrets ?? {})) {
      if (!ids.includes(id)) {
        errors.push(
          new ConfigError(
            configFile,
            `services.${name}.secrets.${id}`,
            `the ${name} chart has no secret "${id}"`,
            ids.length ? `use one of: ${ids.join(", ")}` : `remove it; the ${name} chart takes no secrets`,
          ),
        );
      }
    }
  }
  return errors;
}
