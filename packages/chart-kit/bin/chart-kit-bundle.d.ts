import type * as ChartKit from "../src/bundle-entry.ts";

/** Builds dist/chart-kit.js unless it is up to date; returns its path. */
export function ensureBundle(): Promise<string>;
/** Loads the chart kit from its bundle; service definitions are then compiled by esbuild. */
export function loadChartKit(): Promise<typeof ChartKit>;
/** Imports a TypeScript module that uses the chart kit, compiled against the bundle. */
export function importWithChartKit(file: string): Promise<Record<string, unknown>>;
