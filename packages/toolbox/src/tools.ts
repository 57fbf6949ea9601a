import { accessSync, constants } from "node:fs";
import { homedir } from "node:os";
import { delimiter, join } from "node:path";
import { ExitCode, FixableError } from "@homelab/errors";

/** The directory `tooling/tools/install.sh` installs the pinned tools into. */
export function toolsBinDir(): string {
  return join(process.env.HOMELAB_TOOLS_DIR ?? join(homedir(), ".cache", "homelab", "tools"), "bin");
}

/** A tool that is not installed, with the command that installs it. */
export class ToolNotFoundError extends FixableError {
  override readonly name = "ToolNotFoundError";
  constructor(readonly tool: string) {
    super(
      `${tool} is not installed`,
      `run \`bash tooling/tools/install.sh ${tool}\` (it builds the pinned ${tool} into ${toolsBinDir()}), ` +
        `or put ${tool} on PATH`,
      { exitCode: ExitCode.missingTool },
    );
  }
}

/** Absolute path of a pinned tool: the project's tools directory first, then PATH. */
export function findTool(tool: string): string {
  for (const dir of [toolsBinDir(), ...(process.env.PATH ?? "").split(delimiter)]) {
    if (!dir) continue;
    const candidate = join(dir, tool);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  throw new ToolNotFoundError(tool);
}
