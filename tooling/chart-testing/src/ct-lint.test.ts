import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { listFiles } from "@homelab/chart-kit";
import { findRepoRoot } from "@homelab/toolbox";
import { describe, expect, it } from "vitest";
import { ctLint } from "./ct.ts";

const root = findRepoRoot(process.cwd());
const charts = [...new Set(listFiles(join(root, "charts")).map((f) => f.split("/")[0]!))];

describe("ct lint", () => {
  it("passes on every chart in charts/", async () => {
    const result = await ctLint({ cwd: root });
    expect(result.output).toContain("All charts linted successfully");
    for (const chart of charts)
      expect(result.output).toMatch(new RegExp(`✔︎ ${chart} => \\(version: "\\d+\\.\\d+\\.\\d+"`));
    expect(result.ok).toBe(true);
    expect(charts.length).toBeGreaterThanOrEqual(6);
  }, 300_000);

  it("fails a chart whose values.yaml breaks the yamllint rules", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ct-"));
    cpSync(join(root, "charts", "jellyfin"), join(dir, "charts", "jellyfin"), { recursive: true });
    const values = join(dir, "charts", "jellyfin", "values.yaml");
    writeFileSync(values, `${readFileSync(values, "utf8")}networkpolicies: {}\n`);
    const result = await ctLint({ cwd: dir, charts: ["charts/jellyfin"] });
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/duplication of key "networkpolicies"/);
  }, 120_000);
});
