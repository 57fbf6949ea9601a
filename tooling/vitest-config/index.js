// Shared Vitest settings: tests beside the code, integration tests under test/.
import { defineConfig } from "vitest/config";

/** @param {import("vitest/config").ViteUserConfig["test"]} [test] */
export function homelabVitest(test = {}) {
  return defineConfig({
    test: {
      include: ["src/**/*.test.ts", "test/**/*.test.ts"],
      testTimeout: 60_000,
      hookTimeout: 300_000,
      reporters: process.env.CI ? ["default", "json"] : ["default"],
      outputFile: { json: ".turbo/vitest-results.json" },
      ...test,
    },
  });
}
