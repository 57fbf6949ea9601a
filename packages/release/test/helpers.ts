import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findRepoRoot } from "@homelab/toolbox";
import type { AuditEvent } from "@homelab/sandbox";
import { isWrite } from "@homelab/sandbox";
import { execa } from "execa";

export const root = findRepoRoot(process.cwd());

export const cli = join(root, "packages", "release", "bin", "homelab-release.js");

/** Writes a config (and optional .env) into a fresh directory; returns their paths. */
export function writeConfig(text: string, dotenv = ""): { configFile: string; envFile: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), "homelab-config-"));
  const configFile = join(dir, "homelab.yaml");
  const envFile = join(dir, ".env");
  writeFileSync(configFile, text);
  if (dotenv) writeFileSync(envFile, dotenv);
  return { configFile, envFile, dir };
}

/** Write requests the release tool's user made. */
export const releaseWrites = (events: AuditEvent[]) =>
  events.filter((e) => e.user.username === "homelab-release" && isWrite(e));

/** Runs the CLI as a user would. */
export function runCli(args: string[], env: Record<string, string> = {}) {
  return execa("node", [cli, ...args], {
    cwd: root,
    reject: false,
    env: { ...env, HOMELAB_DEBUG: "" },
    all: true,
  });
}

/** helm releases in the cluster, as `helm list -A` reports them. */
export async function helmReleases(
  kubeconfig: string,
  helmBin: string,
): Promise<{ name: string; namespace: string; status: string; revision: string; chart: string }[]> {
  const r = await execa(helmBin, [
    "--kubeconfig",
    kubeconfig,
    "list",
    "--all-namespaces",
    "--all",
    "--output",
    "json",
  ]);
  return JSON.parse(r.stdout) as {
    name: string;
    namespace: string;
    status: string;
    revision: string;
    chart: string;
  }[];
}
