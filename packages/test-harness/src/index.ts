export type { K8sObject, RenderOptions } from "./render.ts";
export { renderChart } from "./render.ts";
export type { ObjectProblem } from "./object-checks.ts";
export { checkRenderedObjects } from "./object-checks.ts";
export { describeChart } from "./describe-chart.ts";
export type { AuditEvent, ControlPlane, ControlPlaneOptions, HelmControllerProcess, ManagedProcess } from "./control-plane.ts";
export { freePort, isWrite, kubeconfigYaml, readAuditLog, startControlPlane, startHelmController, startProcess, stopProcess, waitFor } from "./control-plane.ts";
export type { HelmJobRunner } from "./helm-job-runner.ts";
export { startHelmJobRunner } from "./helm-job-runner.ts";
