#!/usr/bin/env node
// Runs the CLI from the chart kit's bundle (dist/ when fresh, else a private build; see
// chart-kit-bundle.js). HOMELAB_FROM_SOURCES=1 runs the TypeScript sources through tsx instead.
import { loadCliModule } from "./esbuild-bundle.js";

const { main } = await loadCliModule(
  "homelab-chart",
  () => import("./chart-kit-bundle.js").then((m) => m.loadChartKit()),
  new URL("../src/cli.ts", import.meta.url).href,
);
process.exitCode = await main(process.argv.slice(2));
