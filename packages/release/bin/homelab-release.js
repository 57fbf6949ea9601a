#!/usr/bin/env node
// Runs the CLI from its bundle (dist/ when fresh, else a private build; see release-bundle.js).
// HOMELAB_FROM_SOURCES=1 runs the TypeScript sources through tsx instead.
import { loadCliModule } from "@homelab/chart-kit/esbuild-bundle";

const { main } = await loadCliModule(
  "homelab-release",
  () => import("./release-bundle.js").then((m) => m.loadReleaseCli()),
  new URL("../src/cli/main.ts", import.meta.url).href,
);
process.exitCode = await main(process.argv.slice(2));
