import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  capabilitiesOf,
  describeException,
  findDepartures,
  loadAllServices,
  podSecurityLevel,
} from "@homelab/chart-kit";
import { findRepoRoot } from "@homelab/toolbox";
import { describe, expect, it } from "vitest";

const root = findRepoRoot(process.cwd());

describe("the README's security table", () => {
  it("lists every declared exception of every service, in the one text the chart README uses", async () => {
    const readme = readFileSync(join(root, "README.md"), "utf8");
    const rows: string[] = [];
    for (const pkg of (await loadAllServices(root)).values()) {
      const def = pkg.definition;
      const departures = findDepartures(def.values as Record<string, unknown>);
      const chartReadme = readFileSync(join(pkg.chartDir, "README.md"), "utf8");
      for (const e of def.exceptions ?? []) {
        const text = describeException(e, capabilitiesOf(e, departures));
        expect(chartReadme).toContain(text);
        rows.push(`| ${def.name} | ${podSecurityLevel(def)} | ${text} |`);
      }
    }
    expect(rows.length).toBeGreaterThan(0);
    const missing = rows.filter((row) => !readme.includes(row));
    expect(missing, `add these rows to README.md's security table:\n${missing.join("\n")}`).toEqual([]);
  });
});
