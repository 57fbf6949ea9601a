import { statSync, utimesSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { ensureBundle } from "../bin/chart-kit-bundle.js";
import { buildChart } from "../src/index.ts";
import { loadServicePackage } from "../src/service-package.ts";

const bundleModule = fileURLToPath(new URL("../bin/chart-kit-bundle.js", import.meta.url));
const jellyfin = fileURLToPath(new URL("../../../apps/jellyfin", import.meta.url));
const aSource = fileURLToPath(new URL("../src/chart/values-yaml.ts", import.meta.url));

describe("the chart kit's bundle (what homelab-chart runs)", () => {
  it("is rebuilt when a source is newer than it, and left alone when nothing changed", async () => {
    const first = statSync(await ensureBundle()).mtimeMs;
    expect(statSync(await ensureBundle()).mtimeMs).toBe(first);
    const later = new Date(first + 2000);
    utimesSync(aSource, later, later);
    // Four processes at once (turbo builds apps in parallel): each sees a whole bundle.
    const runs = await Promise.all(
      [1, 2, 3, 4].map(() =>
        execa("node", [
          "--input-type=module",
          "-e",
          `const m = await import(${JSON.stringify(pathToFileURL(bundleModule).href)}); const p = await m.ensureBundle(); await import(p);`,
        ]),
      ),
    );
    expect(runs.every((r) => r.exitCode === 0)).toBe(true);
    expect(statSync(await ensureBundle()).mtimeMs).toBeGreaterThan(first);
  });

  it("builds the same chart as the sources do", async () => {
    const kit = (await import(pathToFileURL(await ensureBundle()).href)) as { buildChart: typeof buildChart };
    const pkg = await loadServicePackage(jellyfin);
    const input = { definition: pkg.definition, version: pkg.version, ciValues: pkg.ciValues };
    expect(kit.buildChart(input)).toEqual(buildChart(input));
  });
});
