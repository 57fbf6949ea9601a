#!/usr/bin/env node
// One process that turns N fixture definitions into N .tgz files (what the chart-build benchmark
// times), loading the chart kit the way `homelab-chart` does: from its bundle.
import { fileURLToPath } from "node:url";
import { importWithChartKit } from "@homelab/chart-kit/bundle";

const fixture = fileURLToPath(new URL("../src/fixture.ts", import.meta.url));
const { buildFixtureArchives } = await importWithChartKit(fixture);
const [count, out] = process.argv.slice(2);
buildFixtureArchives(Number(count), out);
process.stdout.write(`${JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS })}\n`);
