#!/usr/bin/env node
// Runs the CLI from its bundle (dist/ when fresh, else a private build; see release-bundle.js).
// HOMELAB_FROM_SOURCES=1 runs the TypeScript sources through tsx instead.
const { main } =
  process.env.HOMELAB_FROM_SOURCES === "1"
    ? await import("tsx/esm/api").then(({ register }) => (register(), import("../src/cli/main.ts")))
    : await import("./release-bundle.js").then((m) => m.loadReleaseCli());
process.exitCode = await main(process.argv.slice(2));
