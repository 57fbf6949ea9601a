export type {
  ControllerDefinition,
  Exception,
  ImageDefinition,
  IngressDefinition,
  Maintainer,
  PodSecurityLevel,
  ProbeDefinition,
  ProbeTiming,
  ResourceList,
  ResourcesDefinition,
  RunAs,
  SecretDefinition,
  ServiceDefinition,
  ServiceDefinitionEntry,
  ServicePortDefinition,
  VolumeDefinition,
} from "./definition.ts";
export { defineService } from "./definition.ts";
export { DefinitionError, DefinitionErrors, ServicePackageError } from "./errors.ts";
export { buildChart } from "./build-chart.ts";
export type { Json, JsonSchema } from "./values-node.ts";
export { chartDrift, listFiles, writeChart } from "./write-chart.ts";
export { chartArchiveName, packageChart } from "./package-chart.ts";
export type { ServicePackage } from "./service-package.ts";
export { buildInputOf, loadAllServices, loadServicePackage } from "./service-package.ts";
export { podSecurityLevel } from "./pod-security.ts";
