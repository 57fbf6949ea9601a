import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { DefinitionErrors, findRepoRoot, HelmCommandError, ServicePackageError, ToolNotFoundError } from "@homelab/chart-kit";
import { publishCharts, VersionNotBumpedError } from "./publish.ts";

const HELP = `homelab-publish: publish every chart whose version is not yet in the Helm repository.

Usage: homelab-publish [--repo-dir DIR] [--oci oci://HOST/PATH [--oci-plain-http]] [--check] [--json]

  --repo-dir DIR   the static Helm repository: index.yaml and archives (default: repo/)
  --oci URL        also push new versions with helm push (e.g. oci://registry.example.org/charts)
  --oci-plain-http talk plain HTTP to the registry (a registry on localhost)
  --check          only check: fail when a published version's content changed; write nothing
  --json           print the result as JSON
  -h, --help       show this help
`;

export async function main(argv: readonly string[]): Promise<number> {
  let values;
  try {
    values = parseArgs({ args: [...argv], options: { "repo-dir": { type: "string" }, oci: { type: "string" }, "oci-plain-http": { type: "boolean" }, check: { type: "boolean" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } } }).values;
  } catch (e) {
    process.stderr.write(`homelab-publish: ${(e as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  try {
    const root = findRepoRoot(process.cwd());
    const results = await publishCharts({
      root,
      ...(values["repo-dir"] ? { repoDir: resolve(values["repo-dir"]) } : {}),
      ...(values.check ? { check: true } : {}),
      ...(values.oci ? { oci: values.oci, ociPlainHttp: Boolean(values["oci-plain-http"]) } : {}),
    });
    if (values.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    else {
      for (const r of results) process.stdout.write(`${r.name} ${r.version}: ${values.check && r.status === "published" ? "not yet published" : r.status}${r.oci ? ` (and ${r.oci})` : ""}\n`);
    }
    return 0;
  } catch (e) {
    if (e instanceof VersionNotBumpedError || e instanceof DefinitionErrors || e instanceof ServicePackageError || e instanceof HelmCommandError || e instanceof ToolNotFoundError) {
      process.stderr.write(`homelab-publish: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}
