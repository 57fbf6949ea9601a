import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { findRepoRoot } from "./repo-root.ts";
import {
  MissingToolsError,
  parseToolSets,
  requireToolSet,
  TOOL_SETS,
  toolEntries,
  toolSet,
} from "./tool-sets.ts";

const root = findRepoRoot(process.cwd());
const saved = { PATH: process.env.PATH, HOMELAB_TOOLS_DIR: process.env.HOMELAB_TOOLS_DIR };
afterEach(() => {
  process.env.PATH = saved.PATH;
  if (saved.HOMELAB_TOOLS_DIR === undefined) delete process.env.HOMELAB_TOOLS_DIR;
  else process.env.HOMELAB_TOOLS_DIR = saved.HOMELAB_TOOLS_DIR;
});

describe("tool-sets.txt", () => {
  it("parses tool, minutes and sets, and refuses a malformed line naming file and line", () => {
    expect(parseToolSets("# c\nhelm  6  sandbox hosts # why\n\n", "f.txt")).toEqual([
      { name: "helm", coldMinutes: 6, sets: ["sandbox", "hosts"] },
    ]);
    expect(() => parseToolSets("helm six sandbox\n", "f.txt")).toThrow(/^f\.txt:1: "helm six sandbox"/);
    expect(() => parseToolSets("\nhelm 6 sandbx\n", "f.txt")).toThrow(/^f\.txt:2: .*sandbox, hosts, charts/);
  });

  it("the tests set is every tool, and each set is a subset of it", () => {
    const all = toolEntries().map((e) => e.name);
    expect(toolSet("tests")).toEqual(all);
    for (const set of TOOL_SETS) expect(toolSet(set).length).toBeGreaterThan(0);
    expect(toolSet("hosts")).not.toContain("kube-apiserver");
  });

  it("install.sh has an install step for every tool of the list", () => {
    const script = readFileSync(join(root, "tooling", "tools", "install.sh"), "utf8");
    for (const { name } of toolEntries())
      expect(script).toMatch(new RegExp(`^\\s+(\\S+\\|)*${name}(\\|\\S+)*\\)`, "m"));
  });

  it("every missing tool of a set is named at once, with the command that installs exactly those", () => {
    const empty = mkdtempSync(join(tmpdir(), "homelab-no-tools-"));
    try {
      process.env.HOMELAB_TOOLS_DIR = empty;
      process.env.PATH = "";
      let error: unknown;
      try {
        requireToolSet("sandbox");
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(MissingToolsError);
      const tools = toolSet("sandbox");
      expect((error as MissingToolsError).tools).toEqual(tools);
      expect((error as MissingToolsError).exitCode).toBe(5);
      expect((error as Error).message).toContain(`\`bash tooling/tools/install.sh ${tools.join(" ")}\``);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it("the README's table of entry points says what the list says", () => {
    const readme = readFileSync(join(root, "README.md"), "utf8");
    const entryPoints: Record<(typeof TOOL_SETS)[number], string> = {
      sandbox: "`pnpm release --target sandbox`",
      hosts: "`pnpm release`, `pnpm release --kubeconfig FILE`",
      charts: "`pnpm charts`",
      bench: "`pnpm bench`",
      tests: "`pnpm test`, CI",
    };
    for (const set of TOOL_SETS) {
      const entries = toolEntries().filter((e) => e.sets.includes(set));
      const minutes = entries.reduce((sum, e) => sum + e.coldMinutes, 0);
      const row = `| ${entryPoints[set]} | ${set} | ${entries.map((e) => e.name).join(", ")} | ${minutes} |`;
      expect(readme).toContain(row);
    }
  });
});
