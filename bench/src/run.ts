import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { benchChartBuild } from "./chart-build.ts";
import { benchCliStart } from "./cli-start.ts";
import type { Figure } from "./measure.ts";
import { renderTable } from "./measure.ts";
import { benchRelease } from "./release-apply.ts";
import { benchTurboCache } from "./turbo-cache.ts";

const RESULTS = fileURLToPath(new URL("../results/", import.meta.url));

/** Runs every benchmark, prints one table, writes it as JSON to bench/results/. */
export async function main(argv: string[]): Promise<number> {
  const only = argv.filter((a) => !a.startsWith("-"));
  const suites: [string, () => Promise<Figure[]>][] = [
    ["chart-build", () => benchChartBuild(50)],
    ["cli-start", benchCliStart],
    ["turbo-cache", benchTurboCache],
    ["release", benchRelease],
  ];
  const figures: Figure[] = [];
  for (const [name, run] of suites) {
    if (only.length && !only.includes(name)) continue;
    process.stderr.write(`bench: ${name}...\n`);
    figures.push(...(await run()));
  }
  const table = renderTable(figures);
  process.stdout.write(`${table}\n`);
  mkdirSync(RESULTS, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  writeFileSync(
    join(RESULTS, `${stamp}.json`),
    `${JSON.stringify({ date: new Date().toISOString(), machine: { cpus: (await import("node:os")).cpus().length }, figures }, null, 2)}\n`,
  );
  writeFileSync(join(RESULTS, "latest.txt"), `${table}\n`);
  return 0;
}
