// The chart kit as one JavaScript file: src/ (with typebox, yaml and the workspace packages it
// uses) bundled by esbuild into dist/chart-kit.js. Loading it takes ~0.1 s, where loading the
// TypeScript sources through tsx takes ~1.6 s: most of `homelab-chart build`'s time for one chart.
// The bundle is rebuilt whenever any file it was built from is newer than it (git checkouts and
// edits included), so it is never stale; the write is atomic, so parallel builds are safe.
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));
const BUNDLE = join(PACKAGE_DIR, "dist", "chart-kit.js");
const INPUTS = join(PACKAGE_DIR, "dist", "chart-kit.inputs.json");
const ENTRY = join(PACKAGE_DIR, "src", "bundle-entry.ts");
const THIS_FILE = fileURLToPath(import.meta.url);

/** What both esbuild runs share: one ES module for this Node, kept in memory. */
const ESBUILD_OPTIONS = { bundle: true, platform: "node", format: "esm", target: "node20", write: false };

function isFresh() {
  if (!existsSync(BUNDLE) || !existsSync(INPUTS)) return false;
  const built = statSync(BUNDLE).mtimeMs;
  // Paths relative to this package, so a copied checkout checks its own files.
  const inputs = JSON.parse(readFileSync(INPUTS, "utf8")).map((p) => join(PACKAGE_DIR, p));
  for (const file of [THIS_FILE, ...inputs]) {
    try {
      if (statSync(file).mtimeMs > built) return false;
    } catch {
      return false;
    }
  }
  return true;
}

async function bundle() {
  const { build } = await import("esbuild");
  const result = await build({
    ...ESBUILD_OPTIONS,
    absWorkingDir: PACKAGE_DIR,
    entryPoints: [ENTRY],
    metafile: true,
    outfile: BUNDLE,
    logLevel: "error",
    // CommonJS dependencies (yaml) call require(); give the ES module one.
    banner: {
      js: 'import { createRequire as __homelabRequire } from "node:module";\nconst require = __homelabRequire(import.meta.url);',
    },
  });
  mkdirSync(dirname(BUNDLE), { recursive: true });
  const inputs = Object.keys(result.metafile.inputs).sort();
  const suffix = `.${process.pid}.tmp`;
  writeFileSync(INPUTS + suffix, `${JSON.stringify(inputs)}\n`);
  writeFileSync(BUNDLE + suffix, result.outputFiles[0].contents);
  renameSync(INPUTS + suffix, INPUTS);
  renameSync(BUNDLE + suffix, BUNDLE);
}

/** Builds dist/chart-kit.js unless it is up to date; returns its path. */
export async function ensureBundle() {
  if (!isFresh()) await bundle();
  return BUNDLE;
}

/** Compiles a TypeScript module (and what it imports relatively) to one ES module and imports it. */
async function importCompiled(file, bundleUrl, kit) {
  const { build } = await import("esbuild");
  const result = await build({
    ...ESBUILD_OPTIONS,
    entryPoints: [file],
    logLevel: "silent",
    plugins: [
      {
        name: "chart-kit-bundle",
        setup(b) {
          // The definition and the CLI share one chart kit: the bundle already loaded.
          b.onResolve({ filter: /^@homelab\/chart-kit$/ }, () => ({ path: bundleUrl, external: true }));
        },
      },
    ],
  }).catch((error) => {
    const first = error.errors?.[0];
    if (!first) throw error;
    const at = first.location ? `:${first.location.line}:${first.location.column + 1}` : "";
    throw new kit.ServicePackageError(
      `${file}${at}`,
      `does not compile: ${first.text}`,
      "correct the TypeScript there (`pnpm typecheck` in the package shows every error)",
    );
  });
  const code = result.outputFiles[0].text;
  return import(`data:text/javascript;base64,${Buffer.from(code).toString("base64")}`);
}

/**
 * Loads the chart kit from its bundle and has it import service definitions (TypeScript)
 * compiled by esbuild, with `@homelab/chart-kit` bound to the same bundle: one copy of the kit,
 * one TypeBox, one error class, and no TypeScript loader to start.
 */
export async function loadChartKit() {
  const bundleUrl = pathToFileURL(await ensureBundle()).href;
  const kit = await import(bundleUrl);
  kit.setModuleImporter((file) => importCompiled(file, bundleUrl, kit));
  return kit;
}

/** Imports a TypeScript module that uses the chart kit, compiled against the bundle (see above). */
export async function importWithChartKit(file) {
  const bundleUrl = pathToFileURL(await ensureBundle()).href;
  return importCompiled(file, bundleUrl, await import(bundleUrl));
}
