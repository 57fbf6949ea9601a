import { join } from "node:path";
import { ensureBundle } from "@homelab/chart-kit/bundle";
import { ensureReleaseBuilt } from "@homelab/release/bundle";
import { findRepoRoot } from "@homelab/toolbox";
import { execa } from "execa";
import type { Figure } from "./measure.ts";
import { figure, seconds } from "./measure.ts";

const RUNS = 7;
const TARGET_SECONDS = 0.5;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

/**
 * CLI start: wall time until `--help` has printed and the process exited, from the bundle (what
 * the CLIs run) against the same CLI's TypeScript sources through tsx (HOMELAB_FROM_SOURCES=1,
 * how they started before), median of RUNS each, the two alternating so load on the machine
 * falls on both. The bundles are built before the clock starts, as `pnpm build` does.
 */
export async function benchCliStart(): Promise<Figure[]> {
  const root = findRepoRoot(process.cwd());
  await ensureBundle();
  await ensureReleaseBuilt();
  const release = join(root, "packages", "release", "bin", "homelab-release.js");
  const chart = join(root, "packages", "chart-kit", "bin", "homelab-chart.js");
  const commands: [string, string, string[]][] = [
    ["homelab-release --help", release, ["--help"]],
    ["homelab-release status --help", release, ["status", "--help"]],
    ["homelab-chart --help", chart, ["--help"]],
  ];
  const figures: Figure[] = [];
  for (const [name, bin, args] of commands) {
    const bundled: number[] = [];
    const sources: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      bundled.push((await seconds(() => execa("node", [bin, ...args])))[0]);
      sources.push(
        (await seconds(() => execa("node", [bin, ...args], { env: { HOMELAB_FROM_SOURCES: "1" } })))[0],
      );
    }
    const ours = median(bundled);
    figures.push(
      figure({
        figure: `CLI start (--help): ${name}`,
        ours,
        unit: "s",
        baseline: median(sources),
        baselineName: `tsx sources, median of ${RUNS}`,
        target: `< ${TARGET_SECONDS} s`,
        met: ours < TARGET_SECONDS,
      }),
    );
  }
  return figures;
}
