import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { BuildChartInput } from "./chart/build-chart.ts";
import { changesForVersion } from "./chart/changelog.ts";
import { findRepoRoot } from "@homelab/toolbox";
import type { CiValues, ServiceDefinition } from "./definition.ts";
import { ServicePackageError } from "./errors.ts";
import { importModule } from "./module-importer.ts";

/** A workspace package of one service (`apps/<service>`), loaded. */
export interface ServicePackage {
  /** Absolute path of the package directory. */
  dir: string;
  /** Absolute path of the repository root (where pnpm-workspace.yaml is). */
  root: string;
  /** The package's name, e.g. `@homelab/jellyfin`. */
  packageName: string;
  /** The package's version: the chart's version. */
  version: string;
  definition: ServiceDefinition;
  ciValues: CiValues;
  /** Where the chart is written: `<root>/charts/<name>`. */
  chartDir: string;
  /** The package's CHANGELOG.md (written by `changeset version`), when it has one. */
  changelog?: string;
}

/** Loads `apps/<service>`: its package.json version and the definition exported by `src/service.ts`. */
export async function loadServicePackage(dir: string): Promise<ServicePackage> {
  const abs = resolve(dir);
  const pkgFile = join(abs, "package.json");
  const serviceFile = join(abs, "src", "service.ts");
  if (!existsSync(pkgFile))
    throw new ServicePackageError(
      pkgFile,
      "does not exist",
      "run the command in a service package directory (apps/<service>)",
    );
  const pkg = JSON.parse(readFileSync(pkgFile, "utf8")) as { name?: string; version?: string };
  if (!pkg.version || !/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(pkg.version)) {
    throw new ServicePackageError(
      pkgFile,
      `version "${pkg.version ?? ""}" is not a semantic version`,
      'set "version" to MAJOR.MINOR.PATCH, e.g. 0.1.0 (changesets manages it)',
    );
  }
  if (!existsSync(serviceFile))
    throw new ServicePackageError(
      serviceFile,
      "does not exist",
      "export the service definition as the default export of src/service.ts",
    );
  const mod = (await importModule(serviceFile)) as {
    default?: ServiceDefinition;
    ciValues?: CiValues;
  };
  if (!mod.default || typeof mod.default !== "object") {
    throw new ServicePackageError(
      serviceFile,
      "has no default export",
      "`export default defineService({ ... })`",
    );
  }
  const root = findRepoRoot(abs);
  return {
    dir: abs,
    root,
    packageName: pkg.name ?? abs,
    version: pkg.version,
    definition: mod.default,
    ciValues: mod.ciValues ?? {},
    chartDir: join(root, "charts", mod.default.name),
    ...(existsSync(join(abs, "CHANGELOG.md"))
      ? { changelog: readFileSync(join(abs, "CHANGELOG.md"), "utf8") }
      : {}),
  };
}

/** The build input of a loaded service package. */
export const buildInputOf = (p: ServicePackage): BuildChartInput => ({
  definition: p.definition,
  version: p.version,
  ciValues: p.ciValues,
  ...(p.changelog ? { changelog: p.changelog, changes: changesForVersion(p.changelog, p.version) } : {}),
});

/** Every service package under `<root>/apps`, by chart name, in name order. */
export async function loadAllServices(root: string): Promise<Map<string, ServicePackage>> {
  const appsDir = join(root, "apps");
  const dirs = readdirSync(appsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(appsDir, d.name, "package.json")))
    .map((d) => d.name)
    .sort();
  const packages = await Promise.all(dirs.map((d) => loadServicePackage(join(appsDir, d))));
  return new Map(
    packages
      .sort((a, b) => (a.definition.name < b.definition.name ? -1 : 1))
      .map((p) => [p.definition.name, p]),
  );
}
