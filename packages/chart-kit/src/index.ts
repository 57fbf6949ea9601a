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
export type { ConfigMap, Secret } from "./values-model/config-map-secret.ts";
export type { Container, Probe } from "./values-model/container.ts";
export type { Controller } from "./values-model/controller.ts";
export type { Mount } from "./values-model/mount.ts";
export type { Persistence } from "./values-model/persistence.ts";
export type { PodOptions } from "./values-model/pod-options.ts";
export type { RawResource, RawResources } from "./values-model/raw-resource.ts";
export type { Rbac } from "./values-model/rbac.ts";
export type { ServiceAccount } from "./values-model/service-account.ts";
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
