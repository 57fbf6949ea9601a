export type { AuditEvent, ControlPlane, ControlPlaneOptions } from "./control-plane.ts";
export { isWrite, startControlPlane } from "./control-plane.ts";
export { startHelmController } from "./helm-controller.ts";
export type { HelmJobRunner } from "./helm-job-runner.ts";
export type { ManagedProcess } from "./processes.ts";
export { freePort, startProcess, stopProcess, waitFor } from "./processes.ts";
export type { Sandbox } from "./sandbox.ts";
export { startSandbox } from "./sandbox.ts";
