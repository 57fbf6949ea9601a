#!/usr/bin/env node
// `pnpm build` of chart-kit: writes dist/chart-kit.js (see chart-kit-bundle.js) unless up to date.
import { ensureBundle } from "./chart-kit-bundle.js";

process.stdout.write(`chart-kit bundle: ${await ensureBundle()}\n`);
