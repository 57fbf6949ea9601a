/**
 * The `pnpm new-service` command (tooling/scripts/new-service.mjs runs it):
 * creates a service package, or with --check lists the packages whose
 * generated files differ from the template.
 */
import { existsSync, readdirSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { EXIT_CODES_HELP, ExitCode, reportError } from "@homelab/errors";
import { findRepoRoot, parseCli } from "@homelab/toolbox";
import { createServicePackage } from "./create-service-package.ts";
import { servicePackageDrift } from "./service-package-files.ts";

const HELP = `new-service: create apps/<name>, where the only file you write is src/service.ts.

Usage: pnpm new-service <name> [--from-compose FILE [--service NAME]...]
       pnpm new-service --check

  <name>               the chart and package name (lowercase letters, digits, dashes), e.g. immich
  --from-compose FILE  fill src/service.ts from a Compose service (homelab-chart import) instead of a skeleton
  --service NAME       the Compose service to import (repeat to add more; the first is main). Default: the only one
  --apps-dir DIR       where to create the package (default: apps/ of the repository)
  --check              list the service packages whose generated files (package.json's template keys, tsconfig.json,
                       eslint.config.js, vitest.config.ts, turbo.json, src/chart.test.ts) differ from the template
  -h, --help           show this help

${EXIT_CODES_HELP}`;

function check(root: string, appsDir: string): number {
  const drifted: string[] = [];
  for (const name of readdirSync(appsDir).sort()) {
    const dir = join(appsDir, name);
    if (!existsSync(join(dir, "package.json"))) continue;
    const drift = servicePackageDrift(dir, name);
    if (drift.length) drifted.push(`${relative(root, dir)}: ${drift.join(", ")}`);
  }
  if (!drifted.length) {
    process.stdout.write("Every service package matches the template.\n");
    return ExitCode.ok;
  }
  process.stdout.write(
    `These files differ from the template (packages/chart-kit/src/compose/service-package-files.ts):\n  ${drifted.join("\n  ")}\n` +
      "Fix: change the template instead, and regenerate the files from it.\n",
  );
  return ExitCode.failed;
}

/** Runs `new-service` with `argv`; relative paths are relative to `cwd`. Returns the exit code. */
export function newServiceMain(argv: readonly string[], cwd: string = process.cwd()): number {
  const parsed = parseCli("new-service", HELP, {
    args: [...argv],
    allowPositionals: true,
    options: {
      "from-compose": { type: "string" },
      service: { type: "string", multiple: true },
      "apps-dir": { type: "string" },
      check: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (typeof parsed === "number") return parsed;
  const { values, positionals } = parsed;
  try {
    const root = findRepoRoot(cwd);
    const appsDir = values["apps-dir"] ? resolve(cwd, values["apps-dir"]) : join(root, "apps");
    if (values.check) return check(root, appsDir);
    const [name, ...extra] = positionals;
    if (!name || extra.length) {
      process.stderr.write(
        `new-service: ${name ? `one name only (got ${positionals.join(", ")})` : "which name?"}\n\n${HELP}`,
      );
      return ExitCode.usage;
    }
    if (values.service && !values["from-compose"]) {
      process.stderr.write(`new-service: --service needs --from-compose\n\n${HELP}`);
      return ExitCode.usage;
    }
    const compose = values["from-compose"];
    const created = createServicePackage({
      name,
      root,
      appsDir,
      cwd,
      ...(compose ? { composeFile: compose } : {}),
      ...(values.service ? { service: values.service } : {}),
    });
    const where = created.dir.startsWith(`${root}/`) ? relative(root, created.dir) : created.dir;
    const lines = [`Created ${where}/: ${created.files.join(", ")}.`];
    if (created.warnings.length) {
      lines.push("", `The import needs you for (also listed at the top of ${where}/src/service.ts):`);
      lines.push(...created.warnings.map((w) => `  - ${w}`));
    }
    lines.push(
      "",
      `Next: write ${where}/src/service.ts (every TODO), then:`,
      "  pnpm install",
      `  pnpm --filter @homelab/${name} build    # writes charts/${name}/`,
      `  pnpm --filter @homelab/${name} test     # the chart checks, with the real helm`,
      "  pnpm changeset    # describe the new chart",
      "",
    );
    process.stdout.write(lines.join("\n"));
    return ExitCode.ok;
  } catch (e) {
    const { text, exitCode } = reportError("new-service", e);
    process.stderr.write(text);
    return exitCode;
  }
}
