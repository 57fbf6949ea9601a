import { ExitCode, FixableError, FixableErrors } from "@homelab/errors";

/** A problem in the homelab config: names the file, the field (and line), and the fix. */
export class ConfigError extends FixableError {
  override readonly name = "ConfigError";
  constructor(
    readonly file: string,
    readonly field: string,
    problem: string,
    fix: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(problem, fix, {
      exitCode: ExitCode.usage,
      where: `${file}${line ? `:${line}:${column ?? 1}` : ""}${field ? `: ${field}` : ""}`,
    });
  }
}

/** Every config problem found, reported together. */
export class ConfigErrors extends FixableErrors {
  override readonly name = "ConfigErrors";
  constructor(override readonly errors: readonly ConfigError[]) {
    super(errors, { exitCode: ExitCode.usage });
  }
}

/** Bad usage of the release CLI (an option's value), found before anything was written. */
export class UsageError extends FixableError {
  override readonly name = "UsageError";
  constructor(problem: string, fix: string) {
    super(problem, fix, { exitCode: ExitCode.usage });
  }
}

/** A cluster that cannot be reached or read (connection, permissions): nothing was written. */
export class ClusterUnreachableError extends FixableError {
  override readonly name = "ClusterUnreachableError";
  constructor(problem: string, fix: string, cause?: unknown) {
    super(problem, fix, { exitCode: ExitCode.unreachable, cause });
  }
}
