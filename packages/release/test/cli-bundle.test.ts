// The CLI starts from its esbuild bundle: the same output as the TypeScript sources through tsx,
// and `--help` loads no chunk that holds @kubernetes/client-node (observed, not assumed: a module
// hook records every module the process loads).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { BundleMetafile } from "@homelab/chart-kit/esbuild-bundle";
import { metafileOf } from "@homelab/chart-kit/esbuild-bundle";
import { execa } from "execa";
import { afterAll, describe, expect, it } from "vitest";
import { ensureReleaseBuilt, RELEASE_SPEC } from "../bin/release-bundle.js";

const cli = fileURLToPath(new URL("../bin/homelab-release.js", import.meta.url));
const CLIENT_NODE = "node_modules/@kubernetes/client-node/";
const hookDir = mkdtempSync(join(tmpdir(), "release-bundle-test-"));
afterAll(() => rmSync(hookDir, { recursive: true, force: true }));

/** Runs the CLI with a module hook that writes every URL it loads to a file; returns them. */
async function loadedModules(args: string[]): Promise<string[]> {
  const log = join(hookDir, `loaded-${args.join("-")}.txt`);
  const hooks = join(hookDir, "hooks.mjs");
  writeFileSync(
    hooks,
    `import { appendFileSync } from "node:fs";
export async function load(url, context, next) {
  appendFileSync(${JSON.stringify(log)}, url + "\\n");
  return next(url, context);
}
`,
  );
  const register = join(hookDir, "register.mjs");
  writeFileSync(
    register,
    `import { register } from "node:module";\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`,
  );
  writeFileSync(log, "");
  const r = await execa("node", ["--import", pathToFileURL(register).href, cli, ...args], { reject: false });
  expect(r.exitCode, r.stderr).toBe(0);
  return readFileSync(log, "utf8").split("\n").filter(Boolean);
}

/** The bundle's outputs (absolute paths) that hold part of client-node. */
function outputsWithClientNode(meta: BundleMetafile, packageDir: string): Set<string> {
  return new Set(
    Object.entries(meta.outputs)
      .filter(([, o]) => Object.keys(o.inputs).some((i) => i.includes(CLIENT_NODE)))
      .map(([file]) => resolve(packageDir, file)),
  );
}

/** The outputs an entry loads before its code runs: its static imports, transitively. */
function staticClosure(meta: BundleMetafile, packageDir: string, entry: string): Set<string> {
  const byPath = new Map(Object.entries(meta.outputs).map(([file, o]) => [resolve(packageDir, file), o]));
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const i of byPath.get(file)?.imports ?? [])
      if (i.kind === "import-statement" && !i.external) visit(resolve(packageDir, i.path));
  };
  visit(entry);
  return seen;
}

describe("homelab-release's bundle", () => {
  it("prints --help and status --help exactly as the sources through tsx do", async () => {
    await ensureReleaseBuilt();
    for (const args of [["--help"], ["status", "--help"], ["--no-such-option"]]) {
      const [bundled, sources] = await Promise.all([
        execa("node", [cli, ...args], { reject: false }),
        execa("node", [cli, ...args], { reject: false, env: { HOMELAB_FROM_SOURCES: "1" } }),
      ]);
      expect(bundled.stdout, args.join(" ")).toBe(sources.stdout);
      expect(bundled.stderr, args.join(" ")).toBe(sources.stderr);
      expect(bundled.exitCode, args.join(" ")).toBe(sources.exitCode);
    }
  });

  it("loads no chunk of @kubernetes/client-node for --help or status --help", async () => {
    const bundle = await ensureReleaseBuilt();
    const meta = metafileOf(RELEASE_SPEC, bundle.dir);
    const heavy = outputsWithClientNode(meta, RELEASE_SPEC.packageDir);
    // The check can fail: client-node is in the bundle, in chunks the release loads when it runs.
    expect(heavy.size).toBeGreaterThan(0);
    const entry = join(bundle.dir, "homelab-release.js");
    expect([...staticClosure(meta, RELEASE_SPEC.packageDir, entry)].filter((f) => heavy.has(f))).toEqual([]);
    for (const args of [["--help"], ["status", "--help"]]) {
      const loaded = (await loadedModules(args))
        .filter((u) => u.startsWith("file:"))
        .map((u) => fileURLToPath(u));
      expect(loaded, "the CLI ran from the bundle in dist/").toContain(entry);
      expect(loaded.filter((f) => heavy.has(f) || f.includes(CLIENT_NODE))).toEqual([]);
    }
  });
});
