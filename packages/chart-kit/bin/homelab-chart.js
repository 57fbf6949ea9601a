#!/usr/bin/env node
// Runs the CLI from the chart kit's bundle (dist/ when fresh, else a private build; see
// chart-kit-bundle.js). HOMELAB_FROM_SOURCES=1 runs the TypeScript sources through tsx instead.
const { main } =
  process.env.HOMELAB_FROM_SOURCES === "1"
    ? await import("tsx/esm/api").then(({ register }) => (register(), import("../src/cli.ts")))
    : await import("./chart-kit-bundle.js").then((m) => m.loadChartKit());
process.exitCode = await main(process.argv.slice(2));
