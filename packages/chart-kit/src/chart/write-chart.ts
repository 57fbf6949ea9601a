import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import type { ChartFiles } from "./build-chart.ts";

/** Files under a directory, as sorted relative paths (empty when it does not exist). */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const visit = (d: string) => {
    let entries: string[];
    try {
      entries = readdirSync(d);
    } catch {
      return;
    }
    for (const name of entries) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) visit(full);
      else out.push(relative(dir, full).split("\\").join("/"));
    }
  };
  visit(dir);
  return out.sort();
}

/** How a chart directory differs from the files the build produces. */
export interface ChartDrift {
  /** Files the build would add. */
  missing: string[];
  /** Files whose content differs. */
  changed: string[];
  /** Files the build would delete. */
  extra: string[];
}

/** Compares a chart directory with built files; all lists empty means no drift. */
export function chartDrift(dir: string, files: ChartFiles): ChartDrift {
  const onDisk = new Set(listFiles(dir));
  const drift: ChartDrift = { missing: [], changed: [], extra: [] };
  for (const [path, content] of files) {
    if (!onDisk.has(path)) drift.missing.push(path);
    else if (readFileSync(join(dir, path), "utf8") !== content) drift.changed.push(path);
    onDisk.delete(path);
  }
  drift.extra = [...onDisk].sort();
  return drift;
}

export const hasDrift = (d: ChartDrift) => d.missing.length + d.changed.length + d.extra.length > 0;

/** Writes a chart directory so it holds exactly `files`; unchanged files are not touched. Returns the drift it fixed. */
export function writeChart(dir: string, files: ChartFiles): ChartDrift {
  const drift = chartDrift(dir, files);
  for (const path of [...drift.missing, ...drift.changed]) {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, files.get(path)!);
  }
  for (const path of drift.extra) rmSync(join(dir, path));
  return drift;
}
