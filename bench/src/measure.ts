/** One row of the benchmark table. */
export interface Figure {
  figure: string;
  ours: number;
  unit: string;
  baseline: number | null;
  baselineName: string;
  /** ours / baseline (lower is better for times). */
  ratio: number | null;
  target: string;
  met: boolean;
}

/** Wall time of `f` in seconds. */
export async function seconds<T>(f: () => Promise<T>): Promise<[number, T]> {
  const t0 = process.hrtime.bigint();
  const r = await f();
  return [Number(process.hrtime.bigint() - t0) / 1e9, r];
}

export const round = (n: number, digits = 3) => Math.round(n * 10 ** digits) / 10 ** digits;

export function figure(f: Omit<Figure, "ratio"> & { ratio?: number | null }): Figure {
  return {
    ...f,
    ours: round(f.ours),
    baseline: f.baseline === null ? null : round(f.baseline),
    ratio: f.ratio !== undefined ? f.ratio : f.baseline ? round(f.ours / f.baseline) : null,
  };
}

/** The table as text: figure, ours, baseline, ratio, target. */
export function renderTable(figures: Figure[]): string {
  const rows = [["figure", "ours", "baseline", "ratio", "target", "met"]];
  for (const f of figures) {
    rows.push([
      f.figure,
      `${f.ours} ${f.unit}`,
      f.baseline === null ? `- (${f.baselineName})` : `${f.baseline} ${f.unit} (${f.baselineName})`,
      f.ratio === null ? "-" : `${f.ratio}`,
      f.target,
      f.met ? "yes" : "NO",
    ]);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => cell.padEnd(widths[c]!))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}
