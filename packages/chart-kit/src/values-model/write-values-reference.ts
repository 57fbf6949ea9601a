/** Writes the generated key reference into library/VALUES.md (`pnpm --filter @homelab/chart-kit values-doc`). */
import { readFileSync, writeFileSync } from "node:fs";
import { withValuesReference } from "./values-reference.ts";

const file = new URL("../../library/VALUES.md", import.meta.url);
writeFileSync(file, withValuesReference(readFileSync(file, "utf8")));
