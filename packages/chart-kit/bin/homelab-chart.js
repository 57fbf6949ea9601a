#!/usr/bin/env node
// Runs the CLI from the chart kit's bundle (rebuilt when its sources change; see chart-kit-bundle.js).
import { loadChartKit } from "./chart-kit-bundle.js";

const { main } = await loadChartKit();
process.exitCode = await main(process.argv.slice(2));
