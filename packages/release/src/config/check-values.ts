import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { helm, HelmCommandError } from "@homelab/toolbox";
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
 * Renders each enabled service's chart with its final values by the real `helm template`
 * (no cluster): the values are checked against the chart's values.schema.json and its own
 * validation, every failure at once. Returns the rendered objects by service.
 */
export async function checkValues(
  services: readonly ValuesToCheck[],
  configFile: string,
): Promise<Map<string, RenderedObject[]>> {
  const dir = mkdtempSync(join(tmpdir(), "homelab-values-"));
  const errors: ConfigError[] = [];
  const rendered = new Map<string, RenderedObject[]>();
  try {
    await Promise.all(
      services.map(async ({ service, chart, desired }) => {
        const archive = join(dir, `${service}.tgz`);
        const values = join(dir, `${service}-values.yaml`);
        writeFileSync(archive, chart.archive);
        writeFileSync(values, desired.spec.valuesContent);
        try {
          const out = await helm([
            "template",
            service,
            archive,
            "--namespace",
            desired.spec.targetNamespace,
            "--values",
            values,
          ]);
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
    rmSync(dir, { recursive: true, force: true });
  }
  if (errors.length > 0) throw new ConfigErrors(errors.sort((a, b) => (a.field < b.field ? -1 : 1)));
  return rendered;
}
