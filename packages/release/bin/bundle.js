#!/usr/bin/env node
// `pnpm build` of the release: writes dist/ (the CLI's bundle; see release-bundle.js) unless up to date.
import { ensureReleaseBuilt } from "./release-bundle.js";

process.stdout.write(`release bundle: ${(await ensureReleaseBuilt()).dir}\n`);
