import { pathToFileURL } from "node:url";

/** Imports a module file (a service's `src/service.ts`) and returns its namespace. */
export type ModuleImporter = (file: string) => Promise<Record<string, unknown>>;

let importer: ModuleImporter = (file) => import(pathToFileURL(file).href) as Promise<Record<string, unknown>>;

/**
 * Replaces how TypeScript definitions are imported. The default is a plain `import()`, which
 * needs a TypeScript loader (tsx, Vitest); the `homelab-chart` CLI compiles them with esbuild
 * instead, which starts in a fraction of the time.
 */
export function setModuleImporter(next: ModuleImporter): void {
  importer = next;
}

/** Imports `file` with the current importer. */
export const importModule = (file: string): Promise<Record<string, unknown>> => importer(file);
