import { FixableError } from "@homelab/errors";
import { execa } from "execa";
import { findTool } from "./tools.ts";

/** A helm command that failed: carries the command, exit code and stderr. */
export class HelmCommandError extends FixableError {
  override readonly name = "HelmCommandError";
  constructor(
    readonly command: string,
    readonly helmExitCode: number | undefined,
    readonly stderr: string,
  ) {
    super(
      `\`${command}\` failed (exit ${helmExitCode ?? "?"}):\n${stderr.trim()}`,
      "read helm's message above; it names the chart, key or object at fault",
    );
  }
}

/** The helm major versions the project supports: `helm` is Helm 3, `helm4` is Helm 4. */
export type HelmBinary = "helm" | "helm4";
/** Both, in the order every chart check runs them. */
export const HELM_BINARIES: readonly HelmBinary[] = ["helm", "helm4"];

export interface HelmResult {
  stdout: string;
  stderr: string;
}

export interface HelmOptions {
  /** Default: none (the current environment). */
  env?: Record<string, string>;
  /** Default: the current directory. */
  cwd?: string;
  /** Default: `helm` (Helm 3). */
  binary?: HelmBinary;
}

/** Runs the pinned helm with `args`; rejects with HelmCommandError on a non-zero exit. */
export async function helm(args: readonly string[], options: HelmOptions = {}): Promise<HelmResult> {
  const binary = options.binary ?? "helm";
  const bin = findTool(binary);
  const result = await execa(bin, args, {
    reject: false,
    env: options.env,
    cwd: options.cwd,
    stdin: "ignore",
  });
  if (result.exitCode !== 0) {
    throw new HelmCommandError(
      `${binary} ${args.join(" ")}`,
      result.exitCode,
      `${result.stderr}\n${result.stdout}`,
    );
  }
  return { stdout: result.stdout, stderr: result.stderr };
}
