import type { ServicePackage } from "@homelab/chart-kit";
import type { HomelabConfig } from "../config/schema.ts";
import { sourceText } from "../upstream/upstream-helmchart.ts";

/** What the config wants of one service, as far as status needs it. */
export interface DesiredService {
  name: string;
  namespace: string;
  /** The chart version the config pins (upstream) or apps/ builds. */
  version: string;
  /** `apps/jellyfin`, `https://charts.jetstack.io cert-manager` or an oci reference. */
  source: string;
}

/** The enabled services of a config with the chart version each should run, by name. */
export function desiredServices(
  config: HomelabConfig,
  packages: ReadonlyMap<string, ServicePackage>,
): DesiredService[] {
  return Object.entries(config.services)
    .filter(([, s]) => s.enabled !== false)
    .map(([name, s]) => ({
      name,
      namespace: s.namespace ?? name,
      version: s.chart ? s.chart.version : (packages.get(name)?.version ?? "?"),
      source: s.chart ? sourceText(s.chart) : `apps/${name}`,
    }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}
