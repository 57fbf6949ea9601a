import type { ChartFiles } from "./build-chart.ts";
import { tarGz } from "@homelab/toolbox";

/** Patterns of `.helmignore` the kit writes, applied when packaging. */
const IGNORED = [/^ci\//];

/**
 * The chart packaged as `helm package` would (`<name>/<path>` entries in a
 * gzipped tar), but deterministic: same files, same bytes. Chart.yaml first.
 */
export function packageChart(name: string, files: ChartFiles): Buffer {
  const paths = [...files.keys()].filter((p) => !IGNORED.some((re) => re.test(p)));
  paths.sort((a, b) => (a === "Chart.yaml" ? -1 : b === "Chart.yaml" ? 1 : a < b ? -1 : a > b ? 1 : 0));
  return tarGz(paths.map((p) => ({ path: `${name}/${p}`, content: files.get(p)! })));
}

/** The archive name helm gives a chart: `<name>-<version>.tgz`. */
export const chartArchiveName = (name: string, version: string) => `${name}-${version}.tgz`;
