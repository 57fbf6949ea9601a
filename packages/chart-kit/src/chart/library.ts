import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import YAML from "yaml";

const LIBRARY_DIR = fileURLToPath(new URL("../../library/", import.meta.url));

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
