/** `homelab-chart import <compose.yaml>`: importCompose on a file read from disk. */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { ExitCode, FixableError } from "@homelab/errors";
import { importCompose, type ImportComposeOptions, type ImportComposeResult } from "./import-compose.ts";

/**
 * Reads the Compose file at `path` (relative to `cwd`) and imports it; errors and the draft's
 * header name the file as given. Throws FixableError when it is missing or cannot be imported.
 */
export function importComposeFile(
  path: string,
  options: Omit<ImportComposeOptions, "file"> = {},
  cwd: string = process.cwd(),
): ImportComposeResult {
  const file = resolve(cwd, path);
  if (!existsSync(file)) {
    throw new FixableError(
      `${path} does not exist`,
      "give the path of the Compose file (docker-compose.yml, compose.yaml)",
      {
        exitCode: ExitCode.usage,
      },
    );
  }
  return importCompose(readFileSync(file, "utf8"), { ...options, file: path });
}
