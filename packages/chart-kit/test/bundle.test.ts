import { mkdtempSync, readdirSync, rmSync, statSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { ensureBundle } from "../bin/chart-kit-bundle.js";
import { buildChart } from "../src/index.ts";
import { loadServicePackage } from "../src/service-package.ts";

const bundleModule = fileURLToPath(new URL("../bin/chart-kit-bundle.js", import.meta.url));
const bin = fileURLToPath(new URL("../bin/homelab-chart.js", import.meta.url));
const dist = fileURLToPath(new URL("../dist", import.meta.url));
const jellyfin = fileURLToPath(new URL("../../../apps/jellyfin", import.meta.url));
const aSource = fileURLToPath(new URL("../src/chart/values-yaml.ts", import.meta.url));

/** Every file of dist/ with its modification time. */
const distState = () => readdirSync(dist).map((f) => `${f} ${statSync(join(dist, f)).mtimeMs}`);

/** Makes a source newer than the bundle. */
const touchSource = () => utimesSync(aSource, new Date(), new Date());

describe("the chart kit's bundle (what homelab-chart runs)", () => {
  it("is rebuilt by the build when a source is newer than it, and left alone when nothing changed", async () => {
    const first = statSync(await ensureBundle()).mtimeMs;
    expect(statSync(await ensureBundle()).mtimeMs).toBe(first);
    touchSource();
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

  it("is not rebuilt into the checkout at run time: a stale one is built privately and removed at exit", async () => {
    await ensureBundle();
    const before = distState();
    touchSource();
    const tmp = mkdtempSync(join(tmpdir(), "chart-kit-bundle-test-"));
    try {
      const r = await execa("node", [bin, "build", "--dir", jellyfin], { env: { TMPDIR: tmp } });
      expect(r.stdout).toMatch(/^jellyfin \S+: \S*charts\/jellyfin up to date$/m);
      expect(r.stderr).toMatch(
        /the chart-kit bundle in .* is missing or older than its sources; built a private copy/,
      );
      expect(distState()).toEqual(before);
      expect(readdirSync(tmp)).toEqual([]);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
      await ensureBundle();
    }
  });

  it("prints --help exactly as the sources through tsx do", async () => {
    await ensureBundle();
    const [bundled, sources] = await Promise.all([
      execa("node", [bin, "--help"], { reject: false }),
      execa("node", [bin, "--help"], { reject: false, env: { HOMELAB_FROM_SOURCES: "1" } }),
    ]);
    expect(bundled.stdout).toBe(sources.stdout);
    expect(bundled.stderr).toBe(sources.stderr);
    expect(bundled.exitCode).toBe(sources.exitCode);
    expect(bundled.stdout).toContain("Usage: homelab-chart");
  });

  it("builds the same chart as the sources do", async () => {
    const kit = (await import(pathToFileURL(await ensureBundle()).href)) as { buildChart: typeof buildChart };
    const pkg = await loadServicePackage(jellyfin);
    const input = { definition: pkg.definition, version: pkg.version, ciValues: pkg.ciValues };
    expect(kit.buildChart(input)).toEqual(buildChart(input));
  });
});
