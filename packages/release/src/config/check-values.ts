import { HelmCommandError, helmTemplate, stopHelmRenderer } from "@homelab/toolbox";
import { ConfigError, ConfigErrors } from "../errors.ts";
import type { HelmChartObject, PackagedChart } from "../plan/desired-helmchart.ts";
import type { RenderedObject } from "./rendered-objects.ts";
import { parseManifests } from "./rendered-objects.ts";

/** Where a chart's values are documented: our charts' README, or `helm show values` of an upstream chart. */
function valuesDocs(service: string, desired: HelmChartObject): string {
  const s = desired.spec;
  if (s.chartContent !== undefined || !s.chart)
    return `the chart's values are documented in charts/${service}/README.md`;
  const ref = s.repo ? `${s.chart} --repo ${s.repo}` : s.chart;
  return `\`helm show values ${ref} --version ${s.version ?? "?"}\` lists the chart's values`;
}

/** One service to render: its packaged chart and the HelmChart that carries its values. */
export interface ValuesToCheck {
  service: string;
  chart: PackagedChart;
  desired: HelmChartObject;
}

/**
 * Renders each enabled service's chart with its final values as the real `helm template` does
 * (helm's own packages, in one helm-render process for every chart; no cluster): the values are
 * checked against the chart's values.schema.json and its own validation, every failure at once.
 * Returns the rendered objects by service.
 */
export async function checkValues(
  services: readonly ValuesToCheck[],
  configFile: string,
): Promise<Map<string, RenderedObject[]>> {
  const errors: ConfigError[] = [];
  const rendered = new Map<string, RenderedObject[]>();
  try {
    await Promise.all(
      services.map(async ({ service, chart, desired }) => {
        try {
          const out = await helmTemplate({
            name: service,
            namespace: desired.spec.targetNamespace,
            chart: chart.archive,
            values: desired.spec.valuesContent,
          });
          rendered.set(service, parseManifests(out.stdout));
        } catch (e) {
          if (!(e instanceof HelmCommandError)) throw e;
          const detail = e.stderr
            .split("\n")
            .map((l) => l.trim())
            .filter((l) => l && !l.startsWith("Use --debug"))
            .join(" ");
          errors.push(
            new ConfigError(
              configFile,
              `services.${service}.values`,
              `rejected by the ${service} chart: ${detail}`,
              `correct the value named above; ${valuesDocs(service, desired)}`,
            ),
          );
        }
      }),
    );
  } finally {
    await stopHelmRenderer();
  }
  if (errors.length > 0) throw new ConfigErrors(errors.sort((a, b) => (a.field < b.field ? -1 : 1)));
  return rendered;
}
