// What bin/chart-kit-bundle.js bundles into dist/chart-kit.js: the public API, the CLI, and the
// hook through which the CLI compiles service definitions with esbuild.
export * from "./index.ts";
export { main } from "./cli.ts";
export { setModuleImporter } from "./module-importer.ts";
