import { ExitCode } from "./exit-codes.ts";
import { FixableError } from "./fixable-error.ts";

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
