import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { helm, HelmCommandError } from "@homelab/toolbox";
import { ConfigError, ConfigErrors } from "../errors.ts";
import type { HelmChartObject } from "../plan/desired-helmchart.ts";

/** Checks each enabled service's values against its chart's values.schema.json with the real helm; every failure at once. */
export async function checkValues(plans: { service: string; desired: HelmChartObject }[], configFile: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "homelab-values-"));
  const errors: ConfigError[] = [];
  try {
    await Promise.all(
      plans.map(async ({ service, desired }) => {
        const chart = join(dir, `${service}.tgz`);
        const values = join(dir, `${service}-values.yaml`);
        writeFileSync(chart, Buffer.from(desired.spec.chartContent, "base64"));
        writeFileSync(values, desired.spec.valuesContent);
        try {
          await helm(["template", service, chart, "--namespace", desired.spec.targetNamespace, "--values", values]);
        } catch (e) {
          if (!(e instanceof HelmCommandError)) throw e;
          const detail = e.stderr
            .split("\n")
            .map((l) => l.trim())
            .filter((l) => l && !l.startsWith("Use --debug"))
            .join(" ");
          errors.push(new ConfigError(configFile, `services.${service}.values`, `rejected by the ${service} chart: ${detail}`, `correct the value named above; the chart's values are documented in charts/${service}/README.md`));
        }
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (errors.length > 0) throw new ConfigErrors(errors.sort((a, b) => (a.field < b.field ? -1 : 1)));
}

