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
export { DefinitionError, DefinitionErrors } from "./errors.ts";
export { definitionProblems, validateDefinition } from "./validate.ts";
export type { BuildChartInput, ChartFiles } from "./build-chart.ts";
export { buildChart, defaultValues } from "./build-chart.ts";
export type { ChartChange, ChartMeta } from "./chart-yaml.ts";
export { DEFAULT_KUBE_VERSION, renderChartYaml } from "./chart-yaml.ts";
export { DEFAULT_INGRESS_CLASS, DEFAULT_REQUESTS, DEFAULT_STORAGE_CLASS, buildValues } from "./values.ts";
export type { Json, JsonSchema, ValueNode } from "./values-node.ts";
export type { ValuesRow } from "./readme.ts";
export { securityExceptions, valuesRows } from "./readme.ts";
export type { ChartDrift } from "./write-chart.ts";
export { chartDrift, hasDrift, listFiles, writeChart } from "./write-chart.ts";
export { chartArchiveName, packageChart } from "./package-chart.ts";
export { tarGz } from "./tar-gz.ts";
export type { TarEntry } from "./tar-gz.ts";
export type { ServicePackage } from "./service-package.ts";
export { buildInputOf, findRepoRoot, loadServicePackage, ServicePackageError } from "./service-package.ts";
export { findTool, toolsBinDir, ToolNotFoundError } from "./tools.ts";
export type { HelmResult } from "./helm.ts";
export { helm, HelmCommandError } from "./helm.ts";
export { stableJson } from "./stable-json.ts";
export { changesForVersion, chartChangelog } from "./changelog.ts";
export { POD_SECURITY_ANNOTATION, podSecurityLevel } from "./pod-security.ts";
export { parseCli } from "./parse-cli.ts";
