/**
 * `pnpm new-service <name>`: writes `apps/<name>/`, where the only file a
 * person writes is `src/service.ts` (a commented skeleton, or a draft imported
 * from a Compose file); every other file comes from the template.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { ExitCode, FixableError } from "@homelab/errors";
import { importComposeFile } from "./import-compose-file.ts";
import { titleOf } from "./render-draft.ts";
import { generatedFiles, packageJson } from "./service-package-files.ts";
import { serviceSkeleton } from "./service-skeleton.ts";

export interface CreateServicePackageOptions {
  /** The chart and package name: a DNS-1123 label, e.g. `immich` (the package is `@homelab/<name>`). */
  name: string;
  /** The repository root. */
  root: string;
  /** Where the package goes. Default: `<root>/apps`. */
  appsDir?: string;
  /** A Compose file to fill `src/service.ts` from (relative to `cwd`). Default: a skeleton. */
  composeFile?: string;
  /** The directory relative paths start from. Default: the current directory. */
  cwd?: string;
  /** The Compose service(s) to import; see importCompose. Default: the file's only service. */
  service?: string | readonly string[];
}

export interface CreatedServicePackage {
  /** The package directory. */
  dir: string;
  /** The files written, relative to `dir`, sorted. */
  files: string[];
  /** The import's warnings (empty without a Compose file). */
  warnings: string[];
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const usage = (problem: string, fix: string, where?: string) =>
  new FixableError(problem, fix, { exitCode: ExitCode.usage, ...(where ? { where } : {}) });

/** Creates the service package. Throws FixableError for a bad name, an existing package or a bad Compose file. */
export function createServicePackage(options: CreateServicePackageOptions): CreatedServicePackage {
  const { name } = options;
  if (!DNS_LABEL.test(name) || name.length > 53) {
    throw usage(
      `"${name}" is not a DNS-1123 label of at most 53 characters`,
      "use lowercase letters, digits and dashes, e.g. immich",
    );
  }
  const appsDir = resolve(options.appsDir ?? join(options.root, "apps"));
  const dir = join(appsDir, name);
  if (existsSync(dir)) {
    throw usage(
      `${relative(options.root, dir) || dir} already exists`,
      "choose another name, or edit its src/service.ts",
    );
  }
  let service = serviceSkeleton(name);
  let warnings: string[] = [];
  if (options.composeFile !== undefined) {
    const imported = importComposeFile(
      options.composeFile,
      { name, ...(options.service !== undefined ? { service: options.service } : {}) },
      options.cwd,
    );
    service = imported.source;
    warnings = imported.warnings;
  }
  const files = new Map(generatedFiles(name));
  files.set(
    "package.json",
    packageJson(name, `${titleOf(name)}: the service definition that generates charts/${name}.`),
  );
  files.set("src/service.ts", service);
  for (const [path, content] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return { dir, files: [...files.keys()].sort(), warnings };
}
