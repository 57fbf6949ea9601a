/**
 * Compose import and service package scaffolding: `homelab-chart import` and
 * `pnpm new-service`.
 */
export { ComposeImportError } from "./compose-file.ts";
export type { CreatedServicePackage, CreateServicePackageOptions } from "./create-service-package.ts";
export { createServicePackage } from "./create-service-package.ts";
export type { ImportComposeOptions, ImportComposeResult } from "./import-compose.ts";
export { importCompose } from "./import-compose.ts";
export { importComposeFile } from "./import-compose-file.ts";
export { newServiceMain } from "./new-service-cli.ts";
export { servicePackageDrift } from "./service-package-files.ts";
