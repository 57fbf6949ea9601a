import type { ExitCodeValue } from "./exit-codes.ts";
import { ExitCode } from "./exit-codes.ts";

export interface FixableErrorOptions {
  /** Default: `ExitCode.failed`. The exit code a CLI ends with for this error. */
  exitCode?: ExitCodeValue;
  /** Default: none. The error this one explains. */
  cause?: unknown;
  /** Default: none. Where the problem is (a file and line, a host, a service), printed before it. */
  where?: string;
}

/**
 * The base of every error a homelab package throws on purpose: what is wrong and
 * what to do about it. Its message reads `<problem>. Fix: <fix>`; a CLI prints
 * the message (never a stack trace) and exits with `exitCode`.
 */
export class FixableError extends Error {
  override readonly name: string = "FixableError";
  readonly exitCode: ExitCodeValue;
  /** Where the problem is, as printed before it. */
  readonly where: string | undefined;

  constructor(
    readonly problem: string,
    readonly fix: string,
    options: FixableErrorOptions = {},
  ) {
    const text = `${options.where ? `${options.where}: ` : ""}${problem}`;
    super(fix ? `${text}. Fix: ${fix}` : text, options.cause === undefined ? {} : { cause: options.cause });
    this.exitCode = options.exitCode ?? ExitCode.failed;
    this.where = options.where;
  }
}

/** Several problems found in one pass, reported together (one per line). */
export class FixableErrors extends FixableError {
  override readonly name: string = "FixableErrors";

  constructor(
    readonly errors: readonly FixableError[],
    options: FixableErrorOptions = {},
  ) {
    super(errors.map((e) => e.message).join("\n"), "", {
      exitCode: options.exitCode ?? errors[0]?.exitCode ?? ExitCode.failed,
    });
  }
}
