import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stableJson } from "@homelab/toolbox";
import { homelabSchema } from "./schema.ts";
import { loadAllServices } from "@homelab/chart-kit";

/** `homelab.schema.json` text for the services in `<root>/apps`. */
export async function renderHomelabSchema(root: string): Promise<string> {
  return stableJson(homelabSchema([...(await loadAllServices(root)).keys()]));
}

/** Writes `<root>/homelab.schema.json`; returns whether it changed. */
export async function writeHomelabSchema(root: string): Promise<boolean> {
  const file = join(root, "homelab.schema.json");
  const text = await renderHomelabSchema(root);
  let before = "";
  try {
    before = readFileSync(file, "utf8");
  } catch {
    // first write
  }
  if (before !== text) writeFileSync(file, text);
  return before !== text;
}
