import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";

/**
 * chart-kit's `library/` folder: found by walking up from this module, so the same code works
 * from `src/chart/` and from the bundle in `dist/`.
 */
function libraryDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "library", "Chart.yaml"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`chart-kit's library/ chart not found above ${import.meta.url}`);
    dir = parent;
  }
  return `${join(dir, "library")}/`;
}

/** The library chart every service chart depends on, vendored into `charts/homelab-common/`. */
export interface LibraryChart {
  name: string;
  version: string;
  /** Its files, by path relative to the library chart's directory. */
  files: ReadonlyMap<string, string>;
}

let cached: LibraryChart | undefined;

/** The `homelab-common` library chart (Chart.yaml, .helmignore, templates/), read once. */
export function libraryChart(): LibraryChart {
  if (cached) return cached;
  const LIBRARY_DIR = libraryDir();
  const chartYaml = readFileSync(`${LIBRARY_DIR}Chart.yaml`, "utf8");
  const meta = YAML.parse(chartYaml) as { name: string; version: string };
  const files = new Map<string, string>([
    [".helmignore", readFileSync(`${LIBRARY_DIR}.helmignore`, "utf8")],
    ["Chart.yaml", chartYaml],
  ]);
  for (const file of readdirSync(`${LIBRARY_DIR}templates`).sort()) {
    files.set(`templates/${file}`, readFileSync(`${LIBRARY_DIR}templates/${file}`, "utf8"));
  }
  cached = { name: meta.name, version: meta.version, files };
  return cached;
}
