#!/usr/bin/env node
// One process that turns N fixture definitions into N .tgz files (what the chart-build benchmark times).
import { register } from "tsx/esm/api";

register();
const { buildFixtureArchives } = await import("../src/fixture.ts");
const [count, out] = process.argv.slice(2);
buildFixtureArchives(Number(count), out);
process.stdout.write(`${JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS })}\n`);
