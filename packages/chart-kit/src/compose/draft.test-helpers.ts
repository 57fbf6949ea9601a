/**
 * Test helpers for drafts: evaluate a draft's source text to its values without
 * TypeScript (a draft is plain object literals), and read the fixtures.
 */
import { readFileSync } from "node:fs";
import { importCompose, type ImportComposeOptions, type ImportComposeResult } from "./import-compose.ts";

/** A loose view of draft data, for assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions walk arbitrary nested values
export type Loose = any;

export interface EvaluatedDraft extends ImportComposeResult {
  def: Loose;
  ci: Loose;
}

/** The default export and ciValues of a draft's source text. */
export function evaluateDraft(source: string): { def: Loose; ci: Loose } {
  const body = source
    .replace(/^import .*$/m, "")
    .replace("export default defineService(", "const def = (")
    .replace("export const ciValues = defineCiValues(", "const ci = (");
  return Function(`${body}\nreturn { def, ci };`)() as { def: Loose; ci: Loose };
}

export const fixturePath = (name: string): string => new URL(`./fixtures/${name}`, import.meta.url).pathname;

/** Imports a fixture and evaluates the draft. */
export function importFixture(name: string, options: ImportComposeOptions = {}): EvaluatedDraft {
  const result = importCompose(readFileSync(fixturePath(name), "utf8"), { file: name, ...options });
  return { ...result, ...evaluateDraft(result.source) };
}
