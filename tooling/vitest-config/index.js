// Shared Vitest settings: tests beside the code, integration tests under test/.
// Results also go to test-results/vitest.json, which tooling/scripts/test.sh totals.
import { defineConfig } from "vitest/config";

/** @param {import("vitest/config").ViteUserConfig["test"]} [test] */
export function homelabVitest(test = {}) {
  return defineConfig({
    test: {
      include: ["src/**/*.test.ts", "test/**/*.test.ts"],
      testTimeout: 60_000,
      hookTimeout: 300_000,
      reporters: ["default", "json"],
      outputFile: { json: "test-results/vitest.json" },
      ...test,
    },
  });
}
