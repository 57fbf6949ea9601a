import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  buildChart,
  buildInputOf,
  chartArchiveName,
  chartDrift,
  listFiles,
  loadServicePackage,
  packageChart,
} from "@homelab/chart-kit";
import { HELM_BINARIES, helm, HelmCommandError } from "@homelab/toolbox";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { checkRenderedObjects, podTemplateOf } from "./object-checks.ts";
import { renderChart } from "./render.ts";

/** Existing claims a values file points at (persistence.*.existingClaim). */
function existingClaims(valuesFile: string | undefined): string[] {
  if (!valuesFile) return [];
  const values = YAML.parse(readFileSync(valuesFile, "utf8")) as {
    persistence?: Record<string, { existingClaim?: string }>;
  } | null;
  return Object.values(values?.persistence ?? {})
    .map((v) => v.existingClaim)
    .filter((c): c is string => typeof c === "string" && c !== "");
}

/** The parts of a ci values file the checks read. */
interface ValuesFile {
  controllers?: Record<
    string,
    { containers?: Record<string, { image?: { tag?: string; repository?: string } }> }
  >;
}

/** The image reference of a container as the library renders it. */
const imageRef = (image: { repository: string; tag: string; digest?: string }) =>
  `${image.repository}:${image.tag}${image.digest ? `@${image.digest}` : ""}`;

/**
 * The standard test suite of one service's chart, run with the real Helm 3 and
 * Helm 4: drift check, `helm lint --strict`, renders with default and ci values,
 * structural checks of the rendered objects, schema rejections, and the
 * packaged archive. Call it from `apps/<service>/src/chart.test.ts`.
 */
export async function describeChart(appDir: URL): Promise<void> {
  const pkg = await loadServicePackage(fileURLToPath(appDir));
  const name = pkg.definition.name;
  const chart = pkg.chartDir;
  const ciFiles = listFiles(join(chart, "ci"))
    .filter((f) => f.endsWith("-values.yaml"))
    .map((f) => join(chart, "ci", f));
  const controllers = Object.entries(pkg.definition.values.controllers ?? {}).filter(
    ([, c]) => c.enabled !== false,
  );
  const appVersion = pkg.definition.values.controllers?.main?.containers?.main?.image?.tag;
  // Containers whose declared exceptions allow privilege: the checks let them keep it.
  const privilegedContainers = (pkg.definition.exceptions ?? [])
    .filter((e) => e.kind === "privileged" || e.kind === "privilegeEscalation")
    .flatMap((e) => {
      const controller = pkg.definition.values.controllers?.[e.controller ?? "main"];
      const ids = e.container
        ? [e.container]
        : Object.keys({ ...controller?.initContainers, ...controller?.containers });
      return ids.map((id) => `${e.controller ?? "main"}/${id}`);
    });

  describe(`chart ${name}`, () => {
    it("is exactly what build writes (no drift)", () => {
      expect(chartDrift(chart, buildChart(buildInputOf(pkg)))).toEqual({
        missing: [],
        changed: [],
        extra: [],
      });
    });

    it("has a representative values set besides the defaults", () => {
      expect(ciFiles.map((f) => f.split("/").pop())).toContain("representative-values.yaml");
    });

    for (const binary of HELM_BINARIES) {
      for (const valuesFile of [undefined, ...ciFiles]) {
        const label = `${binary} with ${valuesFile ? `ci/${valuesFile.split("/").pop()}` : "default values"}`;
        it(`passes lint --strict (${label})`, async () => {
          const { stdout } = await helm(
            ["lint", "--strict", chart, ...(valuesFile ? ["-f", valuesFile] : [])],
            { binary },
          );
          expect(stdout).toMatch(/1 chart\(s\) linted, 0 chart\(s\) failed/);
        });

        it(`renders wired, labelled, secure objects (${label})`, async () => {
          const objects = await renderChart(chart, {
            release: name,
            valueFiles: valuesFile ? [valuesFile] : [],
            binary,
          });
          expect(objects.map((o) => o.kind)).toContain("Service");
          expect(objects.map((o) => o.kind)).toContain("NetworkPolicy");
          expect(
            checkRenderedObjects(objects, {
              existingClaims: existingClaims(valuesFile),
              privilegedContainers,
            }),
          ).toEqual([]);
          const overrides = valuesFile
            ? (YAML.parse(readFileSync(valuesFile, "utf8")) as ValuesFile | null)
            : null;
          for (const [id, c] of controllers) {
            const workload = objects.find(
              (o) => podTemplateOf(o) && o.metadata.labels?.["app.kubernetes.io/component"] === id,
            );
            expect(workload, `controller ${id} is rendered`).toBeDefined();
            const pod = podTemplateOf(workload!)!.spec;
            for (const [cid, container] of Object.entries(c.containers ?? {})) {
              if (container.enabled === false || !container.image) continue;
              const rendered = pod.containers.find((k) => k.name === (container.nameOverride || cid));
              const image = { ...container.image, ...overrides?.controllers?.[id]?.containers?.[cid]?.image };
              expect(rendered?.image, `${id}/${cid} image`).toBe(imageRef(image));
            }
          }
        });
      }

      it(`rejects a value of the wrong type with a message naming the key (${binary})`, async () => {
        const error = await helm(["template", "x", chart, "--set", "controllers.main.replicas=many"], {
          binary,
        }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(HelmCommandError);
        expect((error as HelmCommandError).stderr).toMatch(
          /controllers\.main\.replicas|\/controllers\/main\/replicas/,
        );
        expect((error as HelmCommandError).stderr).toMatch(/integer/);
      });

      it(`rejects a misspelled key of a known entry (${binary})`, async () => {
        const error = await helm(
          ["template", "x", chart, "--set", "controllers.main.containers.main.imag.tag=1"],
          { binary },
        ).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(HelmCommandError);
        expect((error as HelmCommandError).stderr).toMatch(/imag/);
      });

      it(`rejects an unpinned image tag (${binary})`, async () => {
        const error = await helm(
          ["template", "x", chart, "--set", "controllers.main.containers.main.image.tag=latest"],
          { binary },
        ).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(HelmCommandError);
        expect((error as HelmCommandError).stderr).toMatch(/tag/);
      });

      it(`accepts a new volume and a new sidecar from values (${binary})`, async () => {
        const objects = await renderChart(chart, {
          release: name,
          binary,
          set: [
            "persistence.extra.type=emptyDir",
            "persistence.extra.globalMounts[0].path=/extra",
            "controllers.main.initContainers.sidecar.image.repository=docker.io/library/busybox",
            "controllers.main.initContainers.sidecar.image.tag=1.37.0",
            "controllers.main.initContainers.sidecar.restartPolicy=Always",
          ],
        });
        const main = objects.find(
          (o) => podTemplateOf(o) && o.metadata.labels?.["app.kubernetes.io/component"] === "main",
        )!;
        const pod = podTemplateOf(main)!.spec;
        expect(pod.initContainers?.map((c) => [c.name, c.restartPolicy])).toContainEqual([
          "sidecar",
          "Always",
        ]);
        expect(pod.containers[0]!.volumeMounts?.map((m) => m.mountPath)).toContain("/extra");
      });
    }

    it("packages to a reproducible archive that helm reads", async () => {
      const files = buildChart(buildInputOf(pkg));
      const a = packageChart(name, files);
      expect(packageChart(name, files).equals(a)).toBe(true);
      const dir = mkdtempSync(join(tmpdir(), `chart-${name}-`));
      const archive = join(dir, chartArchiveName(name, pkg.version));
      writeFileSync(archive, a);
      for (const binary of HELM_BINARIES) await helm(["lint", "--strict", archive], { binary });
      const { stdout } = await helm(["show", "chart", archive]);
      expect(YAML.parse(stdout)).toMatchObject({ name, version: pkg.version, appVersion });
      const fromArchive = await renderChart(archive, { release: name });
      const fromDir = await renderChart(chart, { release: name });
      // Generated secrets are random per render; everything else is identical.
      const stable = (objs: typeof fromDir) => objs.filter((o) => o.kind !== "Secret");
      expect(stable(fromArchive)).toEqual(stable(fromDir));
    });
  });
}
