#!/usr/bin/env node
// Writes homelab.schema.json (the editor schema of homelab.yaml) from the services in apps/.
import { register } from "tsx/esm/api";

register();
const { findRepoRoot } = await import("@homelab/toolbox");
const { writeHomelabSchema } = await import("../src/config/write-schema.ts");
const changed = await writeHomelabSchema(findRepoRoot(process.cwd()));
process.stdout.write(`homelab.schema.json ${changed ? "written" : "up to date"}\n`);
