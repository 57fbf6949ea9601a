import type { ViteUserConfig } from "vitest/config";

/** The shared Vitest config, with `test` options merged over the defaults. */
export function homelabVitest(test?: ViteUserConfig["test"]): ViteUserConfig;
