import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve } from "node:path";
import YAML, { LineCounter } from "yaml";
import { ConfigError, ConfigErrors } from "../errors.ts";
import type { HomelabConfig } from "./schema.ts";
import { homelabSchema } from "./schema.ts";
import type { ConfigViolation as Violation } from "./validate-config.ts";
import { validateConfig } from "./validate-config.ts";

/**
 * Reads and validates a homelab config. YAML syntax errors carry line and
 * column; schema violations name the field, its line and the fix. Every
 * problem is reported at once as ConfigErrors.
 */
export function loadConfig(file: string, services: readonly string[]): HomelabConfig {
  const shown = relative(process.cwd(), file) || file;
  if (!existsSync(file)) throw new ConfigErrors([new ConfigError(shown, "", "does not exist", "create it (see homelab.example.yaml) or pass --config FILE")]);
  const text = readFileSync(file, "utf8");
  const lineCounter = new LineCounter();
  const doc = YAML.parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigErrors(
      doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return new ConfigError(shown, "", `YAML syntax error: ${e.message.split("\n")[0]}`, "fix the YAML at that line and column", pos.line, pos.col);
      }),
    );
  }
  const value = doc.toJS() as unknown;
  const violations = validateConfig(value ?? {}, homelabSchema(services));
  if (violations.length === 0) violations.push(...resolveLocalFiles(value as HomelabConfig, dirname(resolve(file))));
  if (violations.length > 0) {
    throw new ConfigErrors(
      violations.map((v) => {
        const node = doc.getIn(v.path, true) as { range?: [number, number, number] } | undefined;
        const parent = doc.getIn(v.path.slice(0, -1), true) as { range?: [number, number, number] } | undefined;
        // An unknown key points at the key itself; other problems at the value.
        const offset = (v.problem.startsWith("unknown key") ? keyOffset(doc, v.path) : undefined) ?? node?.range?.[0] ?? keyOffset(doc, v.path) ?? parent?.range?.[0];
        const pos = offset !== undefined ? lineCounter.linePos(offset) : undefined;
        return new ConfigError(shown, v.path.join("."), v.problem, v.fix, pos?.line, pos?.col);
      }).sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)),
    );
  }
  return value as HomelabConfig;
}

/**
 * Makes the airgap files absolute (relative paths are relative to the config
 * file) and checks that each is a readable file, before any host is touched.
 */
function resolveLocalFiles(config: HomelabConfig, base: string): Violation[] {
  const airgap = config.k3s?.airgap;
  if (!airgap) return [];
  const problems: Violation[] = [];
  if (!config.k3s?.version) {
    problems.push({ path: ["k3s", "airgap"], problem: "an airgap install needs k3s.version pinned (a channel cannot be resolved offline)", fix: "set k3s.version to the release of the airgap files, e.g. v1.35.4+k3s1" });
  }
  for (const key of ["binary", "images", "installScript"] as const) {
    const path = isAbsolute(airgap[key]) ? airgap[key] : resolve(base, airgap[key]);
    let isFile = false;
    try {
      isFile = statSync(path).isFile();
    } catch {
      // reported below
    }
    if (!isFile) problems.push({ path: ["k3s", "airgap", key], problem: `${path} is not a file`, fix: airgapFix[key] });
    airgap[key] = path;
  }
  const pinned = config.k3s?.installScriptSha256;
  if (pinned && problems.length === 0) {
    const actual = createHash("sha256").update(readFileSync(airgap.installScript)).digest("hex");
    if (actual !== pinned) {
      problems.push({ path: ["k3s", "installScriptSha256"], problem: `k3s.airgap.installScript (${airgap.installScript}) has sha256 ${actual}, not ${pinned}`, fix: `review that file; if it is the one you want, set k3s.installScriptSha256 to ${actual}` });
    }
  }
  return problems;
}

const airgapFix = {
  binary: "download the k3s binary of the pinned version (k3s or k3s-arm64 from the k3s release) and give its path, relative to this file",
  images: "download k3s-airgap-images-<arch>.tar.zst of the pinned version and give its path, relative to this file",
  installScript: "download install.sh of the pinned version (https://get.k3s.io) and give its path, relative to this file",
} as const;

/** Offset of the key of `path`'s last element (for unknown keys, whose value node may be a scalar). */
function keyOffset(doc: YAML.Document, path: (string | number)[]): number | undefined {
  const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
  if (!YAML.isMap(parent)) return undefined;
  const pair = parent.items.find((p) => YAML.isScalar(p.key) && p.key.value === path.at(-1));
  return YAML.isScalar(pair?.key) ? pair.key.range?.[0] : undefined;
}
