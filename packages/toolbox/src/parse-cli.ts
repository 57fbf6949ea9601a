import type { ParseArgsConfig } from "node:util";
import { parseArgs } from "node:util";
import { ExitCode } from "@homelab/errors";

/**
 * Parses a CLI's arguments with node's parseArgs. Returns the parsed result,
 * or the exit code when there is nothing more to do: 2 after printing the
 * usage error and the help, 0 after printing the help for `--help`.
 */
export function parseCli<T extends ParseArgsConfig>(
  program: string,
  help: string,
  config: T,
): ReturnType<typeof parseArgs<T>> | number {
  let parsed: ReturnType<typeof parseArgs<T>>;
  try {
    parsed = parseArgs(config);
  } catch (e) {
    process.stderr.write(`${program}: ${(e as Error).message}\n\n${help}`);
    return ExitCode.usage;
  }
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(help);
    return ExitCode.ok;
  }
  return parsed;
}
