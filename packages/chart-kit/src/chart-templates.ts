import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const TEMPLATE_DIR = fileURLToPath(new URL("../chart-templates/", import.meta.url));

let cached: ReadonlyMap<string, string> | undefined;

/** The kit's templates (one per resource kind, plus helpers and NOTES.txt), by file name. */
export function chartTemplates(): ReadonlyMap<string, string> {
  cached ??= new Map(
    readdirSync(TEMPLATE_DIR)
      .sort()
      .map((file) => [file, readFileSync(TEMPLATE_DIR + file, "utf8")]),
  );
  return cached;
}
