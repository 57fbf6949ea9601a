import { ExitCode } from "./exit-codes.ts";
import { FixableError, FixableErrors } from "./fixable-error.ts";

/**
 * What a CLI prints for an error and the code it exits with. A FixableError is
 * printed as its message; anything else is a bug: one line, and the stack trace
 * only with HOMELAB_DEBUG set.
 */
export function reportError(
  program: string,
  error: unknown,
  debug = Boolean(process.env.HOMELAB_DEBUG),
): {
  text: string;
  exitCode: number;
} {
  if (error instanceof FixableError)
    return { text: `${program}: ${error.message}\n`, exitCode: error.exitCode };
  const message = error instanceof Error ? error.message : String(error);
  const trace =
    debug && error instanceof Error ? `\n${error.stack}` : "\n(set HOMELAB_DEBUG=1 for the stack trace)";
  return { text: `${program}: unexpected error: ${message}${trace}\n`, exitCode: ExitCode.failed };
}

/** One problem in a JSON error report. */
export interface ErrorJsonProblem {
  /** What is wrong, with where (`homelab.yaml:3:5: hosts.0.address: ...`). */
  message: string;
  /** What to do about it. */
  fix: string;
  file?: string;
  field?: string;
}

/**
 * What a CLI prints on stdout with `--json` when it fails, in every homelab CLI:
 * `{ "ok": false, "error": { message, fix, exitCode, file?, field?, problems? } }`; with several
 * problems (a config with three mistakes) `problems` lists each and the first gives file and field.
 * `file` and `field` come from the error's own `file` and `field` (ConfigError has them).
 */
export interface ErrorJson {
  ok: false;
  error: ErrorJsonProblem & { exitCode: number; problems?: ErrorJsonProblem[] };
}

/** A string property of an error, when it has one: subclasses name their file and field as `file` and `field`. */
function named(e: FixableError, key: "file" | "field"): { [k in typeof key]?: string } {
  const value = (e as unknown as Record<string, unknown>)[key];
  return typeof value === "string" && value !== "" ? { [key]: value } : {};
}

const problemOf = (e: FixableError): ErrorJsonProblem => ({
  message: e.where ? `${e.where}: ${e.problem}` : e.problem,
  fix: e.fix,
  ...named(e, "file"),
  ...named(e, "field"),
});

/** The JSON error report (ErrorJson) for an error: the same problems and exit code as reportError. */
export function errorJson(error: unknown): ErrorJson {
  if (error instanceof FixableErrors && error.errors.length > 0) {
    const problems = error.errors.map(problemOf);
    return { ok: false, error: { ...problems[0]!, exitCode: error.exitCode, problems } };
  }
  if (error instanceof FixableError)
    return { ok: false, error: { ...problemOf(error), exitCode: error.exitCode } };
  const message = error instanceof Error ? error.message : String(error);
  return {
    ok: false,
    error: {
      message: `unexpected error: ${message}`,
      fix: "run again with HOMELAB_DEBUG=1 for the stack trace, and report it",
      exitCode: ExitCode.failed,
    },
  };
}
