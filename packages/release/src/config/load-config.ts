import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import YAML, { LineCounter } from "yaml";
import { ConfigError, ConfigErrors } from "../errors.ts";
import { confinedPath } from "./confined-path.ts";
import { MAX_INPUT_BYTES, readInputFile, shownPath } from "./read-input-file.ts";
import type { HomelabConfig } from "./schema.ts";
import { homelabSchema } from "./schema.ts";
import { componentViolations } from "../components/component-checks.ts";
import { hostViolations } from "../k3s/host-checks.ts";
import { needsViolations } from "../order/dependency-graph.ts";
import { chartSourceViolations, upstreamServiceNames } from "../upstream/chart-source-checks.ts";
import { SYSTEM_NAMESPACES } from "../pod-security/namespace-levels.ts";
import { credentialLikeValues } from "./credential-warnings.ts";
import type { ConfigViolation as Violation } from "./validate-config.ts";
import { validateConfig } from "./validate-config.ts";

/** The largest homelab config read: anything bigger is not a hand-written homelab.yaml. */
export const MAX_CONFIG_BYTES = MAX_INPUT_BYTES;
/** Alias uses allowed in one config: enough for shared values, too few for an alias bomb. */
export const MAX_ALIAS_COUNT = 100;

/** A config read and validated, with its warnings (`file:line:col: field: problem. Fix: fix`). */
export interface LoadedConfig {
  config: HomelabConfig;
  warnings: string[];
}

/**
 * Reads and validates a homelab config. YAML syntax errors carry line and
 * column; schema violations name the field, its line and the fix. Every
 * problem is reported at once as ConfigErrors.
 */
export function loadConfig(file: string, services: readonly string[]): HomelabConfig {
  return readConfig(file, services).config;
}

/** loadConfig, with the warnings: plain values whose keys look like credentials. */
export function readConfig(file: string, services: readonly string[]): LoadedConfig {
  const shown = shownPath(file);
  const fail = (problem: string, fix: string): never => {
    throw new ConfigErrors([new ConfigError(shown, "", problem, fix)]);
  };
  const text = readInputFile(file, {
    shown,
    what: "a homelab config",
    fix: "check that --config names your homelab.yaml (a regular file of YAML text)",
    sizeFix:
      "check that --config names your homelab.yaml; values that large belong in the chart, not in the config",
    maxBytes: MAX_CONFIG_BYTES,
  });
  if (text === undefined)
    fail("does not exist", "create it (see homelab.example.yaml) or pass --config FILE");
  const lineCounter = new LineCounter();
  const doc = YAML.parseDocument(text!, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigErrors(
      doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return new ConfigError(
          shown,
          "",
          `YAML syntax error: ${e.message.split("\n")[0]}`,
          "fix the YAML at that line and column",
          pos.line,
          pos.col,
        );
      }),
    );
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    if (!(e instanceof ReferenceError) || !/alias/i.test(e.message)) throw e;
    fail(
      `expands YAML aliases more than ${MAX_ALIAS_COUNT} times (an alias bomb would exhaust memory): ${e.message}`,
      "write the repeated values out, or use fewer aliases (*name)",
    );
  }
  const locate = (path: (string | number)[], atKey = false) => {
    const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    const parent = doc.getIn(path.slice(0, -1), true) as { range?: [number, number, number] } | undefined;
    const offset =
      (atKey ? keyOffset(doc, path) : undefined) ??
      node?.range?.[0] ??
      keyOffset(doc, path) ??
      parent?.range?.[0];
    return offset !== undefined ? lineCounter.linePos(offset) : undefined;
  };
  const violations = validateConfig(value ?? {}, homelabSchema(services, upstreamServiceNames(value)));
  if (violations.length === 0) {
    const parsed = value as HomelabConfig;
    violations.push(
      ...needsViolations(parsed.services),
      ...chartSourceViolations(parsed.services, dirname(resolve(file))),
      ...componentViolations(parsed.k3s),
      ...hostViolations(parsed),
    );
  }
  if (violations.length === 0) {
    violations.push(
      ...resolveLocalFiles(value as HomelabConfig, dirname(resolve(file))),
      ...systemNamespaceTargets(value as HomelabConfig),
    );
  }
  if (violations.length > 0) {
    throw new ConfigErrors(
      violations
        .map((v) => {
          // An unknown or refused key points at the key itself; other problems at the value.
          const pos = locate(v.path, v.atKey === true);
          return new ConfigError(shown, v.path.join("."), v.problem, v.fix, pos?.line, pos?.col);
        })
        .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)),
    );
  }
  const config = value as HomelabConfig;
  const warnings = credentialLikeValues(config).map((c) => {
    const pos = locate(c.path, true);
    const where = `${shown}${pos ? `:${pos.line}:${pos.col}` : ""}: ${c.path.join(".")}`;
    return `${where}: looks like a credential written in plain text. Fix: take it out of homelab.yaml and supply it with services.${c.service}.secrets (a chart secret read from the environment or .env, never committed)`;
  });
  return { config, warnings };
}

/** Services whose target namespace is a system namespace: refused, never labelled. */
function systemNamespaceTargets(config: HomelabConfig): Violation[] {
  return Object.entries(config.services)
    .filter(([, s]) => s.namespace !== undefined && SYSTEM_NAMESPACES.includes(s.namespace))
    .map(([name, s]) => ({
      path: ["services", name, "namespace"],
      problem: `${s.namespace} is a system namespace: the release labels a service's namespace for Pod Security, which would block k3s's own pods there`,
      fix: `give ${name} a namespace of its own, e.g. namespace: ${name} (or remove namespace: to use that default)`,
    }));
}

/**
 * Makes the airgap files absolute (relative paths are relative to the config file; each must
 * be under its directory, symlinks resolved) and checks that each is a file, before any host
 * is touched.
 */
function resolveLocalFiles(config: HomelabConfig, base: string): Violation[] {
  const airgap = config.k3s?.airgap;
  if (!airgap) return [];
  const problems: Violation[] = [];
  if (!config.k3s?.version) {
    problems.push({
      path: ["k3s", "airgap"],
      problem: "an airgap install needs k3s.version pinned (a channel cannot be resolved offline)",
      fix: "set k3s.version to the release of the airgap files, e.g. v1.35.4+k3s1",
    });
  }
  for (const key of ["binary", "images", "installScript"] as const) {
    // Confined before anything opens it: a config cannot make the release read, hash or upload
    // a file outside its directory (the install script's sha256 is in messages).
    const confined = confinedPath(airgap[key], base, "config-dir");
    if ("problem" in confined) {
      problems.push({ path: ["k3s", "airgap", key], problem: confined.problem, fix: confined.fix });
      continue;
    }
    const path = confined.path;
    let isFile = false;
    try {
      isFile = statSync(path).isFile();
    } catch {
      // reported below
    }
    if (!isFile)
      problems.push({ path: ["k3s", "airgap", key], problem: `${path} is not a file`, fix: airgapFix[key] });
    airgap[key] = path;
  }
  const pinned = config.k3s?.installScriptSha256;
  if (pinned && problems.length === 0) {
    const actual = createHash("sha256").update(readFileSync(airgap.installScript)).digest("hex");
    if (actual !== pinned) {
      problems.push({
        path: ["k3s", "installScriptSha256"],
        problem: `k3s.airgap.installScript (${airgap.installScript}) has sha256 ${actual}, not ${pinned}`,
        fix: `review that file; if it is the one you want, set k3s.installScriptSha256 to ${actual}`,
      });
    }
  }
  return problems;
}

const airgapFix = {
  binary:
    "download the k3s binary of the pinned version (k3s or k3s-arm64 from the k3s release) and give its path, relative to this file",
  images:
    "download k3s-airgap-images-<arch>.tar.zst of the pinned version and give its path, relative to this file",
  installScript:
    "download install.sh of the pinned version (https://get.k3s.io) and give its path, relative to this file",
} as const;

/** Offset of the key of `path`'s last element (for unknown keys, whose value node may be a scalar). */
function keyOffset(doc: YAML.Document, path: (string | number)[]): number | undefined {
  const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
  if (!YAML.isMap(parent)) return undefined;
  const pair = parent.items.find((p) => YAML.isScalar(p.key) && p.key.value === path.at(-1));
  return YAML.isScalar(pair?.key) ? pair.key.range?.[0] : undefined;
}
