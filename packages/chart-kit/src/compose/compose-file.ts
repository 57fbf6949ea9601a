/**
 * Reads a Compose file: YAML (with merge keys and anchors, as Compose allows),
 * its services and top-level volumes, and where each key is (file:line) for
 * the errors a user sees.
 */
import { ExitCode, FixableError } from "@homelab/errors";
import YAML, { isMap, isScalar, isSeq, LineCounter } from "yaml";
import { interpolate } from "./interpolate.ts";

export type Obj = Record<string, unknown>;
export type KeyPath = readonly (string | number)[];

export const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** `services.app.ports[1]`. */
export const pathText = (path: KeyPath): string =>
  path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");

export interface ComposeFile {
  /** The file name errors and comments name. */
  file: string;
  /** The top-level `name:` (the Compose project), when given. */
  projectName?: string;
  /** Services by name, in file order, as parsed (not interpolated). */
  services: Map<string, Obj>;
  /** Top-level volumes by name (`null` entries as `{}`). */
  volumes: Map<string, Obj>;
  /** `file:line` of a key path (of its nearest existing parent), or the file. */
  where(path: KeyPath): string;
}

/** An import problem: names the file and line, the key, the problem and the fix. */
export class ComposeImportError extends FixableError {
  override readonly name = "ComposeImportError";
  constructor(where: string, path: KeyPath, problem: string, fix: string) {
    super(path.length ? `${pathText(path)}: ${problem}` : problem, fix, { where, exitCode: ExitCode.usage });
  }
}

/** Throws a ComposeImportError at `path` of `compose`. */
export function fail(
  compose: Pick<ComposeFile, "where">,
  path: KeyPath,
  problem: string,
  fix: string,
): never {
  throw new ComposeImportError(compose.where(path), path, problem, fix);
}

/** Parses a Compose file's text. Throws ComposeImportError for YAML errors and a wrong shape. */
export function parseCompose(text: string, file: string): ComposeFile {
  const lineCounter = new LineCounter();
  const doc = YAML.parseDocument(text, { merge: true, lineCounter, uniqueKeys: true });
  /** The line of the deepest key of `path` that exists (a mapping key's own line, or a list item's). */
  const where = (path: KeyPath): string => {
    let node: unknown = doc.contents;
    let offset: number | undefined;
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
        if (!pair) break;
        offset = isScalar(pair.key) ? pair.key.range?.[0] : offset;
        node = pair.value;
      } else if (isSeq(node) && typeof key === "number" && node.items[key] !== undefined) {
        node = node.items[key];
        offset = (node as { range?: [number, number, number] }).range?.[0] ?? offset;
      } else break;
    }
    return offset === undefined ? file : `${file}:${lineCounter.linePos(offset).line}`;
  };
  const error = doc.errors[0];
  if (error) {
    const line = error.linePos?.[0]?.line;
    throw new ComposeImportError(
      line ? `${file}:${line}` : file,
      [],
      `is not valid YAML: ${(error.message.split("\n")[0] ?? error.code).replace(/:$/, "")}`,
      "correct the YAML syntax (a Compose file must parse with `docker compose config`)",
    );
  }
  const top: unknown = doc.toJS({ maxAliasCount: 1000 });
  const compose = { where };
  if (!isObj(top))
    fail(
      compose,
      [],
      "is not a Compose file (its top level is not a mapping)",
      "give the path of a docker-compose.yml / compose.yaml",
    );
  if (!isObj(top.services) || Object.keys(top.services).length === 0) {
    fail(compose, ["services"], "has no services", "give a Compose file with a `services:` mapping");
  }
  const services = new Map<string, Obj>();
  for (const [name, service] of Object.entries(top.services)) {
    if (!isObj(service))
      fail(
        compose,
        ["services", name],
        "is not a mapping",
        "write the service as `name:` followed by its keys",
      );
    services.set(name, service);
  }
  const volumes = new Map<string, Obj>();
  if (top.volumes !== undefined && top.volumes !== null && !isObj(top.volumes)) {
    fail(compose, ["volumes"], "is not a mapping", "list the named volumes as `volumes: { name: {...} }`");
  }
  for (const [name, volume] of Object.entries(isObj(top.volumes) ? top.volumes : {})) {
    volumes.set(name, isObj(volume) ? volume : {});
  }
  const projectName = typeof top.name === "string" ? interpolate(top.name).value : undefined;
  return { file, services, volumes, where, ...(projectName ? { projectName } : {}) };
}
