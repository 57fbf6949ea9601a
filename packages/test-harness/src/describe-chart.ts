import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildChart, buildInputOf, chartArchiveName, chartDrift, listFiles, loadServicePackage, packageChart } from "@homelab/chart-kit";
import { helm, HelmCommandError } from "@homelab/toolbox";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { checkRenderedObjects } from "./object-checks.ts";
import { renderChart } from "./render.ts";

/** Existing claims a values file points at (persistence.*.existingClaim). */
function existingClaims(valuesFile: string | undefined): string[] {
  if (!valuesFile) return [];
  const values = YAML.parse(readFileSync(valuesFile, "utf8")) as { persistence?: Record<string, { existingClaim?: string }> } | null;
  return Object.values(values?.persistence ?? {})
    .map((v) => v.existingClaim)
    .filter((c): c is string => typeof c === "string" && c !== "");
}

/**
 * The standard test suite of one service's chart, run with the real helm:
 * drift check, `helm lint --strict`, renders with default and ci values,
 * structural checks of the rendered objects, schema rejections, and the
 * packaged archive. Call it from `apps/<service>/src/chart.test.ts`.
 */
export async function describeChart(appDir: URL): Promise<void> {
  const pkg = await loadServicePackage(fileURLToPath(appDir));
  const name = pkg.definition.name;
  const chart = pkg.chartDir;
  const ciFiles = listFiles(join(chart, "ci")).filter((f) => f.endsWith("-values.yaml")).map((f) => join(chart, "ci", f));

  describe(`chart ${name}`, () => {
    it("is exactly what build writes (no drift)", () => {
      expect(chartDrift(chart, buildChart(buildInputOf(pkg)))).toEqual({ missing: [], changed: [], extra: [] });
    });

    it("has a representative values set besides the defaults", () => {
      expect(ciFiles.map((f) => f.split("/").pop())).toContain("representative-values.yaml");
    });

    for (const valuesFile of [undefined, ...ciFiles]) {
      const label = valuesFile ? `ci/${valuesFile.split("/").pop()}` : "default values";
      it(`passes helm lint --strict with ${label}`, async () => {
        const { stdout } = await helm(["lint", "--strict", chart, ...(valuesFile ? ["-f", valuesFile] : [])]);
        expect(stdout).toContain("1 chart(s) linted, 0 chart(s) failed");
      });

      it(`renders wired, labelled, secure objects with ${label}`, async () => {
        const objects = await renderChart(chart, { release: name, valueFiles: valuesFile ? [valuesFile] : [] });
        const kinds = objects.map((o) => o.kind);
        expect(kinds).toContain("Service");
        expect(kinds.some((k) => k === "Deployment" || k === "StatefulSet")).toBe(true);
        expect(checkRenderedObjects(objects, { existingClaims: existingClaims(valuesFile) })).toEqual([]);
        for (const [id, c] of Object.entries(pkg.definition.controllers)) {
          const workload = objects.find((o) => (o.kind === "Deployment" || o.kind === "StatefulSet") && o.metadata.labels?.["app.kubernetes.io/component"] === id);
          expect(workload, `controller ${id} is rendered`).toBeDefined();
          const pod = (workload as unknown as { spec: { template: { spec: { containers: { image: string }[] } } } }).spec.template.spec;
          expect(pod.containers[0]!.image).toBe(`${c.image.repository}:${c.image.tag}`);
        }
      });
    }

    it("rejects a value of the wrong type with a message naming the key", async () => {
      const error = await helm(["template", "x", chart, "--set", "controllers.main.replicas=many"]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HelmCommandError);
      expect((error as HelmCommandError).stderr).toMatch(/controllers\.main\.replicas|\/controllers\/main\/replicas/);
      expect((error as HelmCommandError).stderr).toMatch(/integer/);
    });

    it("rejects a misspelled key", async () => {
      const error = await helm(["template", "x", chart, "--set", "controllers.main.imag.tag=1"]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HelmCommandError);
      expect((error as HelmCommandError).stderr).toMatch(/imag/);
    });

    it("rejects an unpinned image tag", async () => {
      const error = await helm(["template", "x", chart, "--set", "controllers.main.image.tag=latest"]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HelmCommandError);
      expect((error as HelmCommandError).stderr).toMatch(/tag/);
    });

    it("packages to a reproducible archive that helm reads", async () => {
      const files = buildChart(buildInputOf(pkg));
      const a = packageChart(name, files);
      expect(packageChart(name, files).equals(a)).toBe(true);
      const dir = mkdtempSync(join(tmpdir(), `chart-${name}-`));
      const archive = join(dir, chartArchiveName(name, pkg.version));
      writeFileSync(archive, a);
      await helm(["lint", "--strict", archive]);
      const { stdout } = await helm(["show", "chart", archive]);
      expect(YAML.parse(stdout)).toMatchObject({ name, version: pkg.version, appVersion: pkg.definition.controllers.main!.image.tag });
      const fromArchive = await renderChart(archive, { release: name });
      const fromDir = await renderChart(chart, { release: name });
      // Generated secrets are random per render; everything else is identical.
      const stable = (objs: typeof fromDir) => objs.filter((o) => o.kind !== "Secret");
      expect(stable(fromArchive)).toEqual(stable(fromDir));
    });
  });
}
