import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { findTool, toolsBinDir } from "@homelab/toolbox";
import { execa } from "execa";

const HERE = fileURLToPath(new URL("..", import.meta.url));
/** The project's ct settings. */
export const CT_CONFIG = join(HERE, "ct.yaml");
/** The project's yamllint rules for Chart.yaml and values.yaml. */
export const LINT_CONF = join(HERE, "lintconf.yaml");
/** ct's own Chart.yaml schema, installed from the pinned ct module by tooling/tools/install.sh. */
export const chartSchema = () => join(toolsBinDir(), "..", "share", "ct", "chart_schema.yaml");

export interface CtLintOptions {
  /** Directory holding `charts/` (ct resolves chart paths from it). */
  cwd: string;
  /** Chart directories relative to `cwd`. Default: every chart (`--all`). */
  charts?: string[];
}

export interface CtLintResult {
  ok: boolean;
  exitCode: number;
  /** ct's combined output. */
  output: string;
}

/** Runs the real `ct lint` with the project's settings; helm, yamllint and yamale come from the tools directory. */
export async function ctLint(options: CtLintOptions): Promise<CtLintResult> {
  const ct = findTool("ct");
  const schema = chartSchema();
  if (!existsSync(schema)) throw new Error(`${schema} is missing: run \`bash tooling/tools/install.sh ct\``);
  const args = ["lint", "--config", CT_CONFIG, "--lint-conf", LINT_CONF, "--chart-yaml-schema", schema];
  args.push(...(options.charts?.length ? ["--charts", options.charts.join(",")] : ["--all"]));
  const result = await execa(ct, args, {
    cwd: options.cwd,
    reject: false,
    all: true,
    stdin: "ignore",
    env: { PATH: `${toolsBinDir()}:${process.env.PATH ?? ""}` },
  });
  return { ok: result.exitCode === 0, exitCode: result.exitCode ?? 1, output: result.all ?? "" };
}
