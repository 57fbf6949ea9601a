import type * as ChartKit from "../src/bundle-entry.ts";
import type { BundleLink, BundleSpec, LocatedBundle } from "./esbuild-bundle.js";

/** The chart kit's bundle: entries chart-kit, errors and toolbox, sharing their chunks. */
export const CHART_KIT_SPEC: BundleSpec;
/** @homelab/chart-kit, @homelab/errors and @homelab/toolbox bound to the kit's bundle. */
export function chartKitLinks(bundle: LocatedBundle): Record<string, BundleLink>;
/** `pnpm build`: writes dist/ unless it is up to date; returns the located bundle. */
export function ensureChartKitBuilt(): Promise<LocatedBundle>;
/** `pnpm build`: writes dist/ unless it is up to date; returns the path of dist/chart-kit.js. */
export function ensureBundle(): Promise<string>;
/** At run time: dist/ when fresh, else a private build in the temp dir (never into the checkout). */
export function chartKitBundle(): Promise<LocatedBundle>;
/** Loads the chart kit from its bundle; service definitions are then compiled by esbuild. */
export function loadChartKit(): Promise<typeof ChartKit>;
/** Imports a TypeScript module that uses the chart kit, compiled against the bundle. */
export function importWithChartKit(file: string): Promise<Record<string, unknown>>;
