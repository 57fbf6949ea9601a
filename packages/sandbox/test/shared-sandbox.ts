/**
 * Vitest global setup: one sandbox for the feature tests (each works in namespaces of its own),
 * so its ~10 s start and its CPU are paid once. lifecycle.test.ts starts its own.
 */
import type { TestProject } from "vitest/node";
import { startSandbox } from "../src/sandbox.ts";

/** What the test files get of the shared sandbox (inject("sandbox")). */
export interface SharedSandbox {
  /** cluster-admin kubeconfig (`homelab-admin`). */
  kubeconfig: string;
  auditLog: string;
  nodeName: string;
  logs: Record<string, string>;
}

declare module "vitest" {
  export interface ProvidedContext {
    sandbox: SharedSandbox;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const sandbox = await startSandbox();
  project.provide("sandbox", {
    kubeconfig: sandbox.cp.kubeconfig,
    auditLog: sandbox.cp.auditLog,
    nodeName: sandbox.nodeName,
    logs: sandbox.logs,
  });
  return () => sandbox.stop();
}
