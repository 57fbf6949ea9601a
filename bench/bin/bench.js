#!/usr/bin/env node
// Runs every benchmark through tsx: prints one table, writes bench/results/<date>.json.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/run.ts");
process.exitCode = await main(process.argv.slice(2));
