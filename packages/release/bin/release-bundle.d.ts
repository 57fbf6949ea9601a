import type { BundleSpec, LocatedBundle } from "@homelab/chart-kit/esbuild-bundle";
import type * as Cli from "../src/cli/main.ts";

/** The release's bundle: the CLI, code-split, linked to the chart kit's bundle. */
export const RELEASE_SPEC: BundleSpec;
/** `pnpm build`: writes dist/ unless it is up to date. */
export function ensureReleaseBuilt(): Promise<LocatedBundle>;
/** At run time: dist/ when fresh, else a private build in the temp dir (never into the checkout). */
export function locateReleaseBundle(): Promise<LocatedBundle>;
/** The CLI's module from the bundle. */
export function loadReleaseCli(): Promise<typeof Cli>;
