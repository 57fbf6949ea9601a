import { findRepoRoot, ToolNotFoundError } from "@homelab/toolbox";
import { ctLint } from "./ct.ts";

const HELP = `homelab-ct: run chart-testing over the charts in charts/.

Usage: homelab-ct lint [--json] [CHART_DIR ...]
  CHART_DIR   e.g. charts/jellyfin (default: every chart)
  --json      print {"ok": bool, "exitCode": n} instead of ct's output
`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== "lint" || rest.includes("--help") || rest.includes("-h")) {
    process.stdout.write(HELP);
    return command === "lint" || command === "--help" || command === "-h" ? 0 : 2;
  }
  const json = rest.includes("--json");
  const charts = rest.filter((a) => !a.startsWith("--"));
  try {
    const result = await ctLint({ cwd: findRepoRoot(process.cwd()), charts });
    process.stdout.write(
      json ? `${JSON.stringify({ ok: result.ok, exitCode: result.exitCode })}\n` : `${result.output}\n`,
    );
    return result.ok ? 0 : 1;
  } catch (e) {
    if (e instanceof ToolNotFoundError || (e instanceof Error && e.message.includes("install.sh"))) {
      process.stderr.write(`homelab-ct: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}
