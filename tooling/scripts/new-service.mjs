#!/usr/bin/env node
// `pnpm new-service <name> [--from-compose FILE [--service NAME]]`: creates apps/<name>/ (see --help).
// A launcher: the command is TypeScript in @homelab/chart-kit, run through the tsx chart-kit depends on,
// so the root needs no dependency of its own. pnpm runs root scripts in the root; INIT_CWD is where the
// user typed the command, so relative paths mean what the user meant.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

const chartKit = new URL("../../packages/chart-kit/", import.meta.url);
const require = createRequire(new URL("package.json", chartKit));
const tsxPackage = require.resolve("tsx/package.json");
const tsxApi = JSON.parse(readFileSync(tsxPackage, "utf8")).exports["./esm/api"].import.default;
const { register } = await import(pathToFileURL(join(dirname(tsxPackage), tsxApi)).href);
register();
const { newServiceMain } = await import(new URL("src/compose/new-service-cli.ts", chartKit).href);
process.exitCode = newServiceMain(process.argv.slice(2), process.env.INIT_CWD ?? process.cwd());
