/**
 * The one table of chart validation (validation-cases.yaml), run through both
 * checkers: validate.ts at build time and the library's templates, by the real
 * `helm template` of library/test-chart, at install time. A case passes only
 * when both accept it, or both refuse it naming the same key.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { findTool } from "@homelab/toolbox";
import { execa } from "execa";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { ExceptionDefinition } from "./definition.ts";
import { findDepartures } from "./exceptions.ts";
import { definitionProblems } from "./validate.ts";

interface ValidationCase {
  case: string;
  values: Record<string, unknown>;
  /** The key path both checkers name; absent when both accept the values. */
  error?: string;
}

const library = fileURLToPath(new URL("../library", import.meta.url));
const table = parse(readFileSync(new URL("./validation-cases.yaml", import.meta.url), "utf8"), {
  merge: true,
  maxAliasCount: 1000,
}) as { cases: ValidationCase[] };

/** The test chart with the library vendored and no values of its own: each case gives them all. */
const work = mkdtempSync(join(tmpdir(), "homelab-validation-"));
const chart = join(work, "test-chart");
cpSync(join(library, "test-chart"), chart, { recursive: true });
writeFileSync(join(chart, "values.yaml"), "{}\n");
rmSync(join(chart, "tests"), { recursive: true, force: true });
for (const part of ["Chart.yaml", "templates"]) {
  cpSync(join(library, part), join(chart, "charts", "homelab-common", part), { recursive: true });
}
afterAll(() => rmSync(work, { recursive: true, force: true }));

const helm = findTool("helm");

/** What `helm template` says of the values: null when it renders, else its error text. */
async function libraryError(c: ValidationCase, n: number): Promise<string | null> {
  const file = join(work, `case-${n}.json`);
  writeFileSync(file, JSON.stringify(c.values));
  const run = await execa(helm, ["template", "rel", chart, "--namespace", "apps", "--values", file], {
    reject: false,
  });
  return run.exitCode === 0 ? null : run.stderr;
}

/** The key paths validate.ts names, `values.` removed; the definition declares every departure it needs. */
function definitionErrors(values: Record<string, unknown>): string[] {
  const kinds = new Set(findDepartures(values).map((d) => d.kind));
  const exceptions: ExceptionDefinition[] = [...kinds].map((kind) => ({ kind, reason: "a validation case" }));
  const def = { name: "test-chart", description: "A validation case.", home: "https://example.org", values };
  return definitionProblems({ ...def, exceptions } as never).map(([field]) => field.replace(/^values\./, ""));
}

describe("chart validation: one table, two checkers", () => {
  table.cases.forEach((c, n) => {
    it(c.case, async () => {
      const fromDefinition = definitionErrors(c.values);
      const fromLibrary = await libraryError(c, n);
      const named = (found: boolean) => (found ? c.error : "accepted");
      expect({
        "validate.ts": c.error === undefined ? fromDefinition : named(fromDefinition.includes(c.error)),
        library: c.error === undefined ? fromLibrary : named(fromLibrary?.includes(` ${c.error}: `) ?? false),
      }).toEqual({ "validate.ts": c.error === undefined ? [] : c.error, library: c.error ?? null });
    });
  });
});
