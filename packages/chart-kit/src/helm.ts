import { execa } from "execa";
import { findTool } from "./tools.ts";

/** A helm command that failed: carries the command, exit code and stderr. */
export class HelmCommandError extends Error {
  override readonly name = "HelmCommandError";
  constructor(readonly command: string, readonly exitCode: number | undefined, readonly stderr: string) {
    super(`\`${command}\` failed (exit ${exitCode ?? "?"}):\n${stderr.trim()}`);
  }
}

export interface HelmResult {
  stdout: string;
  stderr: string;
}

/** Runs the pinned helm with `args`; rejects with HelmCommandError on a non-zero exit. */
export async function helm(args: readonly string[], options: { env?: Record<string, string>; cwd?: string } = {}): Promise<HelmResult> {
  const bin = findTool("helm");
  const result = await execa(bin, args, { reject: false, env: options.env, cwd: options.cwd, stdin: "ignore" });
  if (result.exitCode !== 0) {
    throw new HelmCommandError(`helm ${args.join(" ")}`, result.exitCode, `${result.stderr}\n${result.stdout}`);
  }
  return { stdout: result.stdout, stderr: result.stderr };
}
