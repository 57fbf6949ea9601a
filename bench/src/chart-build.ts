import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureBundle } from "@homelab/chart-kit/bundle";
import { findTool } from "@homelab/toolbox";
import { execa } from "execa";
import { writeFixtureCharts } from "./fixture.ts";
import type { Figure } from "./measure.ts";
import { figure, round, seconds } from "./measure.ts";

const WORKER = fileURLToPath(new URL("../bin/build-worker.js", import.meta.url));

/**
 * Chart build: 50 definitions -> 50 .tgz in one process (process start
 * included), against the real `helm package` of the same 50 chart
 * directories, one process per chart as users run it. Also the worker's peak RSS. Ours runs
 * from the chart kit's bundle, as `homelab-chart` does; it is built before the clock starts,
 * as helm's binary is.
 */
export async function benchChartBuild(count = 50): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), "bench-build-"));
  try {
    const charts = writeFixtureCharts(count, join(dir, "charts"));
    const helm = findTool("helm");
    await ensureBundle();
    const [helmSeconds] = await seconds(async () => {
      for (const c of charts) await execa(helm, ["package", c, "--destination", join(dir, "helm-out")]);
    });
    const [oursSeconds, run] = await seconds(() =>
      execa("node", [WORKER, String(count), join(dir, "ours-out")]),
    );
    const { maxRssKb } = JSON.parse(run.stdout.trim().split("\n").pop()!) as { maxRssKb: number };
    const speedup = helmSeconds / oursSeconds;
    return [
      figure({
        figure: `build+package ${count} charts`,
        ours: oursSeconds,
        unit: "s",
        baseline: helmSeconds,
        baselineName: `helm package x${count}`,
        target: ">= 3x faster",
        met: speedup >= 3,
      }),
      figure({
        figure: `peak RSS building ${count} charts`,
        ours: maxRssKb / 1024,
        unit: "MB",
        baseline: null,
        baselineName: "limit 300 MB",
        ratio: round(maxRssKb / 1024 / 300),
        target: "< 300 MB",
        met: maxRssKb / 1024 < 300,
      }),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
