export type {
  CiValues,
  ExceptionDefinition,
  ExceptionKind,
  Maintainer,
  PodSecurityLevel,
  ServiceDefinition,
} from "./definition.ts";
export { defineCiValues, defineService } from "./definition.ts";
export { DefinitionError, DefinitionErrors, ServicePackageError } from "./errors.ts";
export type { Departure } from "./exceptions.ts";
export {
  BASELINE_CAPABILITIES,
  capabilitiesOf,
  describeException,
  exceptionPlace,
  findDepartures,
  podSecurityLevel,
  podSecurityLevelOf,
} from "./exceptions.ts";
// Building blocks for definitions (probes, volumes, ingresses, secrets, database controllers, ...).
export * from "./blocks/index.ts";
export type { ChartValues, ValuesOverride } from "./values-model/index.ts";
export type {
  ConfigMap,
  Container,
  Controller,
  Mount,
  Persistence,
  PodOptions,
  Probe,
  Rbac,
  RawResource,
  RawResources,
  Secret,
  ServiceAccount,
} from "./values-model/workloads.ts";
export type {
  CreatedServicePackage,
  CreateServicePackageOptions,
  ImportComposeOptions,
  ImportComposeResult,
} from "./compose/index.ts";
export {
  ComposeImportError,
  createServicePackage,
  importCompose,
  importComposeFile,
  newServiceMain,
  servicePackageDrift,
} from "./compose/index.ts";
export { buildChart } from "./chart/build-chart.ts";
export { chartDrift, listFiles, writeChart } from "./chart/write-chart.ts";
export { chartArchiveName, packageChart } from "./chart/package-chart.ts";
export type { ServicePackage } from "./service-package.ts";
export { buildInputOf, loadAllServices, loadServicePackage } from "./service-package.ts";
