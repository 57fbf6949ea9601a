// A package's TypeScript sources as ES modules built by esbuild (code-split: what a module imports
// with `import()` is loaded only when that line runs), for CLIs that must start in a fraction of
// a second. Shared by the chart kit's and the release's CLIs.
//
// Where a bundle lives:
// - `buildBundle` (a package's `build` script, run by turbo) writes it to the package's dist/,
//   atomically: chunks first (named by their content), then the entries, then the manifest that
//   makes them current; parallel builds each see a whole bundle.
// - `locateBundle` (the CLIs, at run time) uses dist/ when it is fresh: every file it was built
//   from is older than it, and the bundles it links to are the ones it was built against.
//   Otherwise it builds into a private directory under the system's temp dir, removed when the
//   process exits: a CLI never writes into the checkout or $HOME.
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const THIS_FILE = fileURLToPath(import.meta.url);
/** Chunks no current entry imports are deleted by a build once they are this old. */
const CHUNK_GRACE_MS = 24 * 3600 * 1000;

/** What every esbuild run of these CLIs shares: ES modules for this Node, kept in memory. */
export const ESBUILD_OPTIONS = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  write: false,
};

// CommonJS dependencies (yaml, client-node's) call require(); give each ES module one.
const REQUIRE_BANNER =
  'import { createRequire as __homelabRequire } from "node:module";\nconst require = __homelabRequire(import.meta.url);';

const manifestFile = (spec, dir) => join(dir, `${spec.name}.bundle.json`);

/** The esbuild metafile of the bundle in `dir` (which output imports which, built from what). */
export const metafileOf = (spec, dir) =>
  JSON.parse(readFileSync(join(dir, `${spec.name}.meta.json`), "utf8"));

/** The file URL of one entry of a located bundle. */
export const entryUrl = (bundle, entry) => pathToFileURL(join(bundle.dir, `${entry}.js`)).href;

function readManifest(spec, dir) {
  try {
    return {
      manifest: JSON.parse(readFileSync(manifestFile(spec, dir), "utf8")),
      built: statSync(manifestFile(spec, dir)).mtimeMs,
    };
  } catch {
    return undefined;
  }
}

/** True when dist/ holds a bundle of `spec` built from today's files against today's linked bundles. */
function isFresh(spec, links) {
  const found = readManifest(spec, spec.distDir);
  if (!found) return false;
  const { manifest, built } = found;
  for (const [specifier, link] of Object.entries(links)) {
    const bound = manifest.links?.[specifier];
    if (!bound || bound.id !== link.bundle.id || bound.dir !== relative(spec.packageDir, link.bundle.dir))
      return false;
  }
  for (const entry of Object.keys(spec.entryPoints))
    if (!existsSync(join(spec.distDir, `${entry}.js`))) return false;
  // Paths relative to the package, so a copied checkout checks its own files.
  const inputs = manifest.inputs.map((p) => join(spec.packageDir, p));
  for (const file of [THIS_FILE, ...spec.buildFiles, ...inputs]) {
    try {
      if (statSync(file).mtimeMs > built) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/**
 * The package's own sources keep the meaning of `import.meta.url` (the source file, as under tsx)
 * wherever their chunk is written: files next to a source are found from the bundle too.
 */
function sourceUrlPlugin(outDir) {
  return {
    name: "source-import-meta-url",
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, async (args) => {
        if (args.path.split(sep).includes("node_modules")) return undefined;
        const source = readFileSync(args.path, "utf8");
        if (!source.includes("import.meta.url")) return undefined;
        const { transform } = await import("esbuild");
        const { code } = await transform(source, {
          loader: "ts",
          format: "esm",
          sourcefile: args.path,
          define: { "import.meta.url": "__homelabSourceUrl" },
        });
        const fromChunk = relative(outDir, args.path).split(sep).join("/");
        return {
          contents: `const __homelabSourceUrl = new URL(${JSON.stringify(fromChunk)}, import.meta.url).href;\n${code}`,
          loader: "js",
          resolveDir: dirname(args.path),
        };
      });
    },
  };
}

/** `import "<specifier>"` in the bundle becomes an import of a linked bundle's entry (one copy). */
function linksPlugin(outDir, links) {
  return {
    name: "linked-bundles",
    setup(b) {
      for (const [specifier, link] of Object.entries(links)) {
        const filter = new RegExp(`^${specifier.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}$`);
        b.onResolve({ filter }, () => {
          const target = relative(outDir, join(link.bundle.dir, `${link.entry}.js`))
            .split(sep)
            .join("/");
          return { path: target.startsWith(".") ? target : `./${target}`, external: true };
        });
      }
    },
  };
}

function writeAtomically(file, contents, mtime) {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(tmp, contents);
  if (mtime !== undefined) utimesSync(tmp, mtime / 1000, mtime / 1000);
  renameSync(tmp, file);
}

/** Deletes chunks of earlier builds that no current output imports (a day later: runs may still load them). */
function removeOldChunks(dir, current) {
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    if (!name.endsWith(".js") || current.has(file)) continue;
    try {
      if (Date.now() - statSync(file).mtimeMs > CHUNK_GRACE_MS) unlinkSync(file);
    } catch {
      // Another build removed it first.
    }
  }
}

/** esbuild could not build a bundle (a source does not compile or an import does not resolve). */
export class BundleBuildError extends Error {
  name = "BundleBuildError";
}

/**
 * Builds `spec` into `outDir` (atomically, see above); `links` maps import specifiers to entries
 * of other located bundles. Returns the located bundle.
 */
export async function buildBundle(spec, outDir, links = {}, logLevel = "error") {
  const { build } = await import("esbuild");
  const started = Date.now();
  const result = await build({
    ...ESBUILD_OPTIONS,
    absWorkingDir: spec.packageDir,
    entryPoints: spec.entryPoints,
    outdir: outDir,
    splitting: true,
    metafile: true,
    logLevel,
    banner: { js: REQUIRE_BANNER },
    plugins: [linksPlugin(outDir, links), sourceUrlPlugin(outDir)],
  }).catch((error) => {
    const first = error.errors?.[0];
    if (!first) throw error;
    const at = first.location
      ? `${first.location.file}:${first.location.line}:${first.location.column + 1}: `
      : "";
    throw new BundleBuildError(`${at}${first.text}`);
  });
  mkdirSync(outDir, { recursive: true });
  const files = [...result.outputFiles].sort((a, b) => a.path.localeCompare(b.path));
  const entryFiles = new Set(Object.keys(spec.entryPoints).map((e) => join(outDir, `${e}.js`)));
  const hash = createHash("sha256");
  for (const f of files) hash.update(f.path.slice(outDir.length)).update(f.contents);
  // Chunks (content-named) before the entries that import them, the manifest last.
  for (const f of files) if (!entryFiles.has(f.path)) writeAtomically(f.path, f.contents);
  for (const f of files) if (entryFiles.has(f.path)) writeAtomically(f.path, f.contents);
  const manifest = {
    id: hash.digest("hex").slice(0, 16),
    inputs: Object.keys(result.metafile.inputs).sort(),
    links: Object.fromEntries(
      Object.entries(links).map(([s, l]) => [
        s,
        { id: l.bundle.id, dir: relative(spec.packageDir, l.bundle.dir) },
      ]),
    ),
  };
  writeAtomically(join(outDir, `${spec.name}.meta.json`), JSON.stringify(result.metafile));
  // Dated when the build started: a source saved while esbuild read it makes the bundle stale.
  writeAtomically(manifestFile(spec, outDir), `${JSON.stringify(manifest, null, 2)}\n`, started);
  removeOldChunks(outDir, new Set(files.map((f) => f.path)));
  return { dir: outDir, id: manifest.id };
}

/** `pnpm build`: writes the bundle to dist/ unless it is fresh there. Returns the located bundle. */
export async function ensureBuilt(spec, links = {}) {
  if (isFresh(spec, links)) return { dir: spec.distDir, id: readManifest(spec, spec.distDir).manifest.id };
  return buildBundle(spec, spec.distDir, links);
}

const privateDirs = new Set();

/** A directory only this process uses, removed when it exits. */
function privateDir(name) {
  if (privateDirs.size === 0)
    process.once("exit", () => {
      for (const d of privateDirs) rmSync(d, { recursive: true, force: true });
    });
  const dir = mkdtempSync(join(tmpdir(), `homelab-${name}-`));
  privateDirs.add(dir);
  return dir;
}

let warned = false;

/**
 * The CLIs at run time: dist/ when fresh, else a build into a private temp directory (removed at
 * exit; nothing is written into the checkout). Says once on stderr that `pnpm build` would help.
 */
export async function locateBundle(spec, links = {}) {
  if (isFresh(spec, links)) return { dir: spec.distDir, id: readManifest(spec, spec.distDir).manifest.id };
  if (!warned) {
    warned = true;
    process.stderr.write(
      `${basename(process.argv[1] ?? "node", ".js")}: the ${spec.name} bundle in ${relative(process.cwd(), spec.distDir) || "."} is missing or older than its sources; ` +
        "built a private copy for this run (`pnpm build` writes a current one and makes the next start fast)\n",
    );
  }
  return buildBundle(spec, privateDir(spec.name), links, "silent");
}

/**
 * A CLI's module: from its bundle (`fromBundle`), or its TypeScript sources through tsx when
 * HOMELAB_FROM_SOURCES=1 or when the sources cannot be bundled right now (an edit in progress
 * elsewhere in the package: tsx loads only the modules the command imports).
 */
export async function loadCliModule(cli, fromBundle, sourceUrl) {
  if (process.env.HOMELAB_FROM_SOURCES !== "1") {
    try {
      return await fromBundle();
    } catch (error) {
      if (!(error instanceof BundleBuildError)) throw error;
      process.stderr.write(
        `${cli}: cannot bundle the sources (${error.message}); running them through tsx\n`,
      );
    }
  }
  const { register } = await import("tsx/esm/api");
  register();
  return import(sourceUrl);
}
