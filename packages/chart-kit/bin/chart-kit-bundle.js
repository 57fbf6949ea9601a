// The chart kit as JavaScript: src/ (with typebox, yaml and the workspace packages it uses)
// bundled by esbuild into dist/ (see esbuild-bundle.js for when it is built and where). Loading it
// takes ~0.1 s, where loading the TypeScript sources through tsx takes ~1.6 s: most of
// `homelab-chart build`'s time for one chart.
//
// Three entries share their chunks: chart-kit.js, errors.js (@homelab/errors) and toolbox.js
// (@homelab/toolbox). Service definitions and the release's bundle import these three by link, so
// a process holds one copy of each: one TypeBox, one error class hierarchy, one helm renderer.
import { fileURLToPath } from "node:url";
import { ESBUILD_OPTIONS, ensureBuilt, entryUrl, locateBundle } from "./esbuild-bundle.js";

const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));

/** The chart kit's bundle, for esbuild-bundle.js. */
export const CHART_KIT_SPEC = {
  name: "chart-kit",
  packageDir: PACKAGE_DIR,
  distDir: fileURLToPath(new URL("../dist", import.meta.url)),
  entryPoints: {
    "chart-kit": "./src/bundle-entry.ts",
    errors: "@homelab/errors",
    toolbox: "@homelab/toolbox",
  },
  buildFiles: [fileURLToPath(import.meta.url)],
};

/** What other bundles link to: each specifier bound to the kit's entry of that name. */
export const chartKitLinks = (bundle) => ({
  "@homelab/chart-kit": { bundle, entry: "chart-kit" },
  "@homelab/errors": { bundle, entry: "errors" },
  "@homelab/toolbox": { bundle, entry: "toolbox" },
});

/** `pnpm build`: writes dist/ unless it is up to date; returns the located bundle. */
export const ensureChartKitBuilt = () => ensureBuilt(CHART_KIT_SPEC);

/** `pnpm build`: writes dist/ unless it is up to date; returns the path of dist/chart-kit.js. */
export async function ensureBundle() {
  return fileURLToPath(entryUrl(await ensureChartKitBuilt(), "chart-kit"));
}

let located;
/** At run time: the kit's bundle in dist/ when fresh, else a private build (never into the checkout). */
export function chartKitBundle() {
  located ??= locateBundle(CHART_KIT_SPEC);
  return located;
}

/** Compiles a TypeScript module (and what it imports relatively) to one ES module and imports it. */
async function importCompiled(file, bundle, kit) {
  const { build } = await import("esbuild");
  const links = chartKitLinks(bundle);
  const result = await build({
    ...ESBUILD_OPTIONS,
    entryPoints: [file],
    logLevel: "silent",
    plugins: [
      {
        name: "chart-kit-bundle",
        setup(b) {
          // The definition and the CLI share one chart kit: the bundle already loaded.
          b.onResolve({ filter: /^@homelab\/(chart-kit|errors|toolbox)$/ }, (args) => ({
            path: entryUrl(bundle, links[args.path].entry),
            external: true,
          }));
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
  const bundle = await chartKitBundle();
  const kit = await import(entryUrl(bundle, "chart-kit"));
  kit.setModuleImporter((file) => importCompiled(file, bundle, kit));
  return kit;
}

/** Imports a TypeScript module that uses the chart kit, compiled against the bundle (see above). */
export async function importWithChartKit(file) {
  const bundle = await chartKitBundle();
  return importCompiled(file, bundle, await import(entryUrl(bundle, "chart-kit")));
}
