import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ExitCode, FixableError } from "@homelab/errors";
import { findRepoRoot } from "./repo-root.ts";
import { findTool, ToolNotFoundError, toolsBinDir } from "./tools.ts";

/**
 * The named sets of tools the entry points need, as `tooling/tools/tool-sets.txt` lists them:
 * `sandbox` (pnpm release --target sandbox), `hosts` (pnpm release to hosts or --kubeconfig),
 * `charts`, `bench` and `tests`.
 */
export const TOOL_SETS = ["sandbox", "hosts", "charts", "bench", "tests"] as const;
export type ToolSetName = (typeof TOOL_SETS)[number];

/** One tool of tool-sets.txt: its name, its measured cold build minutes and the sets that need it. */
export interface ToolEntry {
  name: string;
  coldMinutes: number;
  sets: readonly string[];
}

/** The path of the one list: tooling/tools/tool-sets.txt of the repository this module is in. */
export function toolSetsFile(): string {
  return join(findRepoRoot(dirname(fileURLToPath(import.meta.url))), "tooling", "tools", "tool-sets.txt");
}

/** Parses tool-sets.txt: `tool minutes set...` per line, `#` comments. */
export function parseToolSets(text: string, file = toolSetsFile()): ToolEntry[] {
  const entries: ToolEntry[] = [];
  text.split("\n").forEach((raw, i) => {
    const line = raw.replace(/#.*/, "").trim();
    if (!line) return;
    const [name, minutes, ...sets] = line.split(/\s+/);
    const coldMinutes = Number(minutes);
    const unknown = sets.filter((set) => !(TOOL_SETS as readonly string[]).includes(set));
    if (!name || !Number.isInteger(coldMinutes) || sets.length === 0 || unknown.length > 0) {
      throw new FixableError(
        `${file}:${i + 1}: "${raw.trim()}" is not "tool minutes set..."`,
        `write the tool's name, its cold build minutes and at least one of the sets ${TOOL_SETS.join(", ")}`,
      );
    }
    entries.push({ name, coldMinutes, sets });
  });
  return entries;
}

/** Every tool of tool-sets.txt, in its order. */
export function toolEntries(): ToolEntry[] {
  const file = toolSetsFile();
  return parseToolSets(readFileSync(file, "utf8"), file);
}

/** The tools one set needs, in tool-sets.txt's order. */
export function toolSet(set: ToolSetName): string[] {
  return toolEntries()
    .filter((e) => e.sets.includes(set))
    .map((e) => e.name);
}

/** Several tools that are not installed, named at once with the one command that installs them. */
export class MissingToolsError extends FixableError {
  override readonly name = "MissingToolsError";
  constructor(
    readonly tools: readonly string[],
    readonly set?: ToolSetName,
  ) {
    super(
      `${tools.join(", ")} ${tools.length === 1 ? "is" : "are"} not installed` +
        (set
          ? ` (the ${set} set of tooling/tools/tool-sets.txt needs ${tools.length === 1 ? "it" : "them"})`
          : ""),
      `run \`bash tooling/tools/install.sh ${tools.join(" ")}\` (it builds the pinned tools into ${toolsBinDir()}), ` +
        "or put them on PATH",
      { exitCode: ExitCode.missingTool },
    );
  }
}

/** Fails with every missing tool of `set` at once, before anything starts. */
export function requireToolSet(set: ToolSetName): void {
  const missing = toolSet(set).filter((tool) => {
    try {
      findTool(tool);
      return false;
    } catch (e) {
      if (e instanceof ToolNotFoundError) return true;
      throw e;
    }
  });
  if (missing.length > 0) throw new MissingToolsError(missing, set);
}
