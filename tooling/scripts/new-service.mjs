#!/usr/bin/env node
// `pnpm new-service <name> [--from-compose FILE [--service NAME]]`: creates apps/<name>/ (see --help).
// A launcher: the command is in @homelab/chart-kit, run from the kit's bundle as `homelab-chart` is,
// so the root needs no dependency of its own. pnpm runs root scripts in the root; INIT_CWD is where the
// user typed the command, so relative paths mean what the user meant.
const bundle = new URL("../../packages/chart-kit/bin/chart-kit-bundle.js", import.meta.url);
const { loadChartKit } = await import(bundle.href);
const { newServiceMain } = await loadChartKit();
process.exitCode = newServiceMain(process.argv.slice(2), process.env.INIT_CWD ?? process.cwd());
