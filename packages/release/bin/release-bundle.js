// The release CLI as JavaScript: src/ bundled by esbuild into dist/ (see
// @homelab/chart-kit/esbuild-bundle for when it is built and where), code-split so that `--help`
// loads neither @kubernetes/client-node nor the release machinery. `@homelab/chart-kit`,
// `@homelab/errors` and `@homelab/toolbox` are not in it: they are linked to the chart kit's
// bundle, the one copy that also compiles the service definitions.
import { fileURLToPath } from "node:url";
import { chartKitBundle, chartKitLinks, ensureChartKitBuilt, loadChartKit } from "@homelab/chart-kit/bundle";
import { ensureBuilt, entryUrl, locateBundle } from "@homelab/chart-kit/esbuild-bundle";

/** The release's bundle, for esbuild-bundle.js. */
export const RELEASE_SPEC = {
  name: "release",
  packageDir: fileURLToPath(new URL("..", import.meta.url)),
  distDir: fileURLToPath(new URL("../dist", import.meta.url)),
  entryPoints: { "homelab-release": "./src/cli/main.ts" },
  buildFiles: [fileURLToPath(import.meta.url)],
};

/** `pnpm build`: writes dist/ (linked to the kit's dist/) unless it is up to date. */
export async function ensureReleaseBuilt() {
  return ensureBuilt(RELEASE_SPEC, chartKitLinks(await ensureChartKitBuilt()));
}

/**
 * At run time: the kit (with its importer of service definitions set), then the release's bundle
 * linked to it: dist/ when fresh, else a private build (never into the checkout).
 */
export async function locateReleaseBundle() {
  const kit = await chartKitBundle();
  await loadChartKit();
  return locateBundle(RELEASE_SPEC, chartKitLinks(kit));
}

/** The CLI's module (`main`) from the bundle. */
export async function loadReleaseCli() {
  return import(entryUrl(await locateReleaseBundle(), "homelab-release"));
}
