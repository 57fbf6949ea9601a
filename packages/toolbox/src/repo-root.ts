import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { ExitCode, FixableError } from "@homelab/errors";

/** The repository root above `from`: the nearest directory with pnpm-workspace.yaml. */
export function findRepoRoot(from: string): string {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) {
      throw new FixableError(
        `${from} is not inside the homelab repository (no pnpm-workspace.yaml above it)`,
        "run the command inside the homelab repository",
        { exitCode: ExitCode.usage },
      );
    }
    dir = parent;
  }
}
