import { mkdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { buildChart } from "./chart/build-chart.ts";
import { importComposeFile } from "./compose/index.ts";
import { EXIT_CODES_HELP, ExitCode, reportError } from "@homelab/errors";
import { HELM_BINARIES, helm, parseCli } from "@homelab/toolbox";
import { chartArchiveName, packageChart } from "./chart/package-chart.ts";
import { buildInputOf, loadServicePackage } from "./service-package.ts";
import { chartDrift, hasDrift, listFiles, writeChart } from "./chart/write-chart.ts";

const HELP = `homelab-chart: build, check, package and lint the Helm chart of one service package.

Usage: homelab-chart <command> [--dir DIR] [--json]
       homelab-chart import COMPOSE_FILE [--service NAME]... [--name NAME] [--out FILE]

Commands:
  build     write charts/<service>/ from src/service.ts and package.json's version
  check     fail when charts/<service>/ differs from what build writes (drift check)
  package   write dist/charts/<service>-<version>.tgz (deterministic)
  import    draft src/service.ts from a Docker Compose file: image, ports (UDP too), volumes,
            environment (secret-looking values become generated secrets), command, user,
            cap_add, network_mode: host, devices, healthcheck, depends_on; every decision a person
            must confirm is a comment, unsupported keys are listed (stdout, or --out FILE)
  lint      helm lint --strict the chart (Helm 3 and Helm 4) with its defaults and every ci/*-values.yaml

Options:
  --dir DIR   the service package (default: the current directory)
  --service   import: the Compose service (repeat for several; the first is main)
  --name      import: the chart name (default: the service's name)
  --out FILE  import: write the draft there instead of stdout
  --json      print a JSON summary instead of text
  -h, --help  show this help

${EXIT_CODES_HELP}`;

/** Runs the CLI; returns the exit code. Errors a user can fix print as one message, never a stack. */
export async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseCli("homelab-chart", HELP, {
    args: [...argv],
    allowPositionals: true,
    options: {
      dir: { type: "string" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
      service: { type: "string", multiple: true },
      name: { type: "string" },
      out: { type: "string" },
    },
  });
  if (typeof parsed === "number") return parsed;
  const { values, positionals } = parsed;
  const command = positionals[0];
  if (!command) {
    process.stderr.write(`homelab-chart: which command?\n\n${HELP}`);
    return ExitCode.usage;
  }
  const out = (summary: Record<string, unknown>, text: string) =>
    process.stdout.write(values.json ? `${JSON.stringify(summary)}\n` : `${text}\n`);
  try {
    if (command === "import") return runImport(positionals[1], values);
    const pkg = await loadServicePackage(values.dir ?? process.cwd());
    const name = pkg.definition.name;
    const where = relative(process.cwd(), pkg.chartDir) || ".";
    switch (command) {
      case "build": {
        const drift = writeChart(pkg.chartDir, buildChart(buildInputOf(pkg)));
        const changed = drift.missing.length + drift.changed.length + drift.extra.length;
        out(
          { command, chart: name, version: pkg.version, dir: pkg.chartDir, ...drift },
          `${name} ${pkg.version}: ${changed ? `${changed} file(s) written to ${where}` : `${where} up to date`}`,
        );
        return 0;
      }
      case "check": {
        const drift = chartDrift(pkg.chartDir, buildChart(buildInputOf(pkg)));
        const ok = !hasDrift(drift);
        out(
          { command, chart: name, ok, ...drift },
          ok
            ? `${name}: ${where} matches the build`
            : `${name}: ${where} differs from what build writes (missing: ${drift.missing.join(", ") || "-"}; changed: ${drift.changed.join(", ") || "-"}; extra: ${drift.extra.join(", ") || "-"}).\nFix: run \`pnpm build\` and commit charts/.`,
        );
        return ok ? 0 : 1;
      }
      case "package": {
        const files = buildChart(buildInputOf(pkg));
        const dist = join(pkg.root, "dist", "charts");
        mkdirSync(dist, { recursive: true });
        const file = join(dist, chartArchiveName(name, pkg.version));
        const archive = packageChart(name, files);
        writeFileSync(file, archive);
        out(
          { command, chart: name, version: pkg.version, file, bytes: archive.length },
          `${name} ${pkg.version}: ${relative(process.cwd(), file)} (${archive.length} bytes)`,
        );
        return 0;
      }
      case "lint": {
        const valueFiles = listFiles(join(pkg.chartDir, "ci")).filter((f) => f.endsWith("-values.yaml"));
        for (const binary of HELM_BINARIES) {
          for (const f of [undefined, ...valueFiles]) {
            const args = [
              "lint",
              "--strict",
              pkg.chartDir,
              ...(f ? ["-f", join(pkg.chartDir, "ci", f)] : []),
            ];
            await helm(args, { binary });
          }
        }
        const sets = `defaults${valueFiles.map((f) => `, ci/${f}`).join("")}`;
        out(
          { command, chart: name, ok: true, valueFiles, helm: HELM_BINARIES },
          `${name}: helm lint --strict passed with ${HELM_BINARIES.join(" and ")} (${sets})`,
        );
        return 0;
      }
      default:
        process.stderr.write(`homelab-chart: unknown command "${command}"\n\n${HELP}`);
        return ExitCode.usage;
    }
  } catch (e) {
    const { text, exitCode } = reportError(`homelab-chart ${command}`, e);
    process.stderr.write(text);
    return exitCode;
  }
}

/** `homelab-chart import FILE`: the draft on stdout (or --out), the warnings on stderr. */
function runImport(
  file: string | undefined,
  values: { service?: string[]; name?: string; out?: string },
): number {
  if (!file) {
    process.stderr.write(`homelab-chart import: which Compose file?\n\n${HELP}`);
    return ExitCode.usage;
  }
  const result = importComposeFile(file, {
    ...(values.service?.length ? { service: values.service } : {}),
    ...(values.name ? { name: values.name } : {}),
  });
  if (values.out) writeFileSync(values.out, result.source);
  else process.stdout.write(result.source);
  for (const w of result.warnings) process.stderr.write(`homelab-chart import: ${w}\n`);
  return ExitCode.ok;
}
