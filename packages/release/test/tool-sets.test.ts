// Each set of tooling/tools/tool-sets.txt is complete: the entry point runs with a tools directory
// that holds only that set's binaries (linked from the cache) and a PATH that holds none of the
// project's tools. Without the scrubbed PATH this could not fail: the test scripts put every tool
// on PATH, and tools are looked up there too.
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import type { Sandbox } from "@homelab/sandbox";
import { startSandbox } from "@homelab/sandbox";
import type { ToolSetName } from "@homelab/toolbox";
import { findTool, toolEntries, toolSet, toolsBinDir } from "@homelab/toolbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, writeConfig } from "./helpers.ts";

const CONFIG = `
services:
  mosquitto: {}
  ntfy:
    needs: [mosquitto]
release:
  timeoutSeconds: 120
`;

/** The tools install.sh builds into the tools directory (sshd and gpg come from Debian, in /usr). */
const builtTools = () => toolEntries().filter((e) => existsSync(join(toolsBinDir(), e.name)));

/** PATH without any directory that holds one of the tools the project builds. */
function scrubbedPath(): string {
  const names = builtTools().map((e) => e.name);
  return (process.env.PATH ?? "")
    .split(delimiter)
    .filter((dir) => dir && !names.some((tool) => existsSync(join(dir, tool))))
    .join(delimiter);
}

/** A tools directory whose bin/ links `tools` (and nothing else) from the real cache. */
function toolsDirWith(tools: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "homelab-toolset-"));
  mkdirSync(join(dir, "bin"));
  for (const tool of tools) symlinkSync(findTool(tool), join(dir, "bin", tool));
  return dir;
}

/** The CLI as a user runs it, seeing only `tools`. */
const runWith = (tools: readonly string[], args: string[]) => {
  const toolsDir = toolsDirWith(tools);
  return runCli(args, { HOMELAB_TOOLS_DIR: toolsDir, PATH: scrubbedPath() }).finally(() =>
    rmSync(toolsDir, { recursive: true, force: true }),
  );
};

describe("tool-sets.txt: each entry point's set is complete", () => {
  let cluster: Sandbox;
  beforeAll(async () => {
    cluster = await startSandbox();
  }, 180_000);
  afterAll(async () => cluster?.stop());

  it("the scrubbed PATH holds no project tool", () => {
    const path = scrubbedPath().split(delimiter);
    expect(path.length).toBeGreaterThan(0);
    expect(builtTools().length).toBeGreaterThan(toolSet("sandbox").length);
    for (const { name } of builtTools()) expect(path.some((dir) => existsSync(join(dir, name)))).toBe(false);
  });

  it("the sandbox set: --target sandbox releases with only those tools", async () => {
    const { configFile } = writeConfig(CONFIG);
    const r = await runWith(toolSet("sandbox"), ["--target", "sandbox", "--config", configFile]);
    expect(r.all).toContain("All services released: every pod is ready.");
    expect(r.exitCode).toBe(0);
  }, 300_000);

  it("the hosts set: --kubeconfig releases with only those tools (no control plane)", async () => {
    const hosts = toolSet("hosts");
    for (const part of ["etcd", "kube-apiserver", "kwok"]) expect(hosts).not.toContain(part);
    const { configFile } = writeConfig(CONFIG);
    const r = await runWith(hosts, ["--kubeconfig", cluster.kubeconfig, "--config", configFile]);
    expect(r.all).toContain("All services released: every pod is ready.");
    expect(r.exitCode).toBe(0);
  }, 300_000);

  it.each<[ToolSetName, string[]]>([
    ["sandbox", ["--target", "sandbox"]],
    ["hosts", ["--kubeconfig", "KUBECONFIG"]],
  ])(
    "the %s set minus two tools: exit 5 naming both, with the command that installs exactly those",
    async (set, args) => {
      const tools = toolSet(set);
      const missing = [tools[0]!, tools.at(-1)!].filter((t, i, all) => all.indexOf(t) === i);
      const { configFile } = writeConfig(CONFIG);
      const r = await runWith(
        tools.filter((t) => !missing.includes(t)),
        [...args.map((a) => (a === "KUBECONFIG" ? cluster.kubeconfig : a)), "--config", configFile],
      );
      expect(r.exitCode).toBe(5);
      expect(r.all).toContain(`${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not installed`);
      expect(r.all).toContain(`bash tooling/tools/install.sh ${missing.join(" ")}`);
      expect(r.all).not.toContain("sandbox: starting");
    },
    120_000,
  );
});
