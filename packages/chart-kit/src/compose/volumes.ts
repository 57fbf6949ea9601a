/**
 * Compose `volumes` of a service (short and long syntax) and `tmpfs`, as a list
 * of mounts with what is mounted: a named volume, a host path (bind mount), an
 * anonymous volume or a tmpfs.
 */
import type { ComposeFile, KeyPath } from "./compose-file.ts";
import { fail, isObj, pathText } from "./compose-file.ts";
import { sizeBytes } from "./quantities.ts";

export interface VolumeSpec {
  kind: "named" | "bind" | "anonymous" | "tmpfs";
  /** named: the volume's name; bind: the host path (may hold `${VAR}` placeholders). */
  source?: string;
  /** The path in the container, without a trailing slash. */
  target: string;
  readOnly: boolean;
  /** tmpfs: the size limit in bytes. */
  sizeBytes?: number;
  /** Long syntax `volume.subpath`. */
  subPath?: string;
  /** The Compose entry, for comments. */
  text: string;
}

type Where = Pick<ComposeFile, "where">;

/** A bind mount's source: a path (absolute, relative, home) or one built from a variable. */
export const isHostPath = (source: string): boolean => /^([/.~]|\$\{)/.test(source) || source.includes("/");

const trimSlash = (p: string) => (p.length > 1 ? p.replace(/\/+$/, "") : p);

function target(compose: Where, at: KeyPath, text: string | undefined): string {
  const t = (text ?? "").trim();
  if (!t.startsWith("/"))
    fail(compose, at, `container path "${t}" is not absolute`, "mount at an absolute path, e.g. /data");
  return trimSlash(t);
}

function short(compose: Where, at: KeyPath, text: string): VolumeSpec {
  const parts = text.split(":");
  if (parts.length === 1)
    return { kind: "anonymous", target: target(compose, at, parts[0]), readOnly: false, text };
  if (parts.length > 3)
    fail(compose, at, `"${text}" is not SOURCE:TARGET[:MODE]`, 'write e.g. "./config:/config:ro"');
  const [source = "", path, mode = ""] = parts;
  const options = mode.split(",").map((m) => m.trim());
  const readOnly = options.includes("ro") || options.includes("readonly");
  const kind = isHostPath(source) ? "bind" : "named";
  return {
    kind,
    source: kind === "bind" ? trimSlash(source) : source,
    target: target(compose, at, path),
    readOnly,
    text,
  };
}

function long(
  compose: Where,
  at: KeyPath,
  entry: Record<string, unknown>,
  warnings: string[],
): VolumeSpec | undefined {
  const type = String(
    entry.type ??
      (entry.source === undefined ? "volume" : isHostPath(String(entry.source)) ? "bind" : "volume"),
  );
  const path = target(
    compose,
    [...at, "target"],
    entry.target === undefined ? undefined : String(entry.target),
  );
  const readOnly = entry.read_only === true;
  const source = entry.source === undefined ? undefined : String(entry.source);
  const text = `${source ?? ""}${source ? ":" : ""}${path} (${type})`;
  if (type === "tmpfs") {
    const size = isObj(entry.tmpfs) ? sizeBytes(entry.tmpfs.size) : undefined;
    return {
      kind: "tmpfs",
      target: path,
      readOnly,
      text,
      ...(size !== undefined ? { sizeBytes: size } : {}),
    };
  }
  if (type === "bind") {
    if (!source) fail(compose, at, "is a bind mount without source", "give the host path as source:");
    return { kind: "bind", source: trimSlash(source), target: path, readOnly, text };
  }
  if (type === "volume") {
    const subPath =
      isObj(entry.volume) && typeof entry.volume.subpath === "string" ? entry.volume.subpath : undefined;
    return {
      kind: source ? "named" : "anonymous",
      target: path,
      readOnly,
      text,
      ...(source ? { source } : {}),
      ...(subPath ? { subPath } : {}),
    };
  }
  warnings.push(
    `${pathText(at)}: a volume of type ${type} has no Kubernetes equivalent: not imported. Fix: mount what it holds from a claim, ConfigMap or Secret`,
  );
  return undefined;
}

/** The mounts of a service's `volumes` list. */
export function parseVolumes(compose: Where, value: unknown, at: KeyPath, warnings: string[]): VolumeSpec[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value))
    fail(compose, at, "is not a list", 'write it as a list, e.g. volumes: ["./config:/config"]');
  const out: VolumeSpec[] = [];
  value.forEach((entry: unknown, i) => {
    const here = [...at, i];
    if (typeof entry === "string") out.push(short(compose, here, entry));
    else if (isObj(entry)) {
      const spec = long(compose, here, entry, warnings);
      if (spec) out.push(spec);
    } else
      fail(
        compose,
        here,
        "is neither a SOURCE:TARGET string nor a mapping",
        'write "./data:/data" or { type: bind, source: ./data, target: /data }',
      );
  });
  return out;
}

/** The mounts of a service's `tmpfs` (a path or a list of paths, each optionally `:size=...`). */
export function parseTmpfs(compose: Where, value: unknown, at: KeyPath): VolumeSpec[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((entry: unknown, i) => {
    const text = String(entry);
    const [path, ...options] = text.split(":");
    const size = options
      .join(":")
      .split(",")
      .map((o) => /^size=(.+)$/.exec(o.trim())?.[1])
      .find(Boolean);
    const bytes = size === undefined ? undefined : sizeBytes(size);
    return {
      kind: "tmpfs" as const,
      target: target(compose, Array.isArray(value) ? [...at, i] : at, path),
      readOnly: false,
      text,
      ...(bytes !== undefined ? { sizeBytes: bytes } : {}),
    };
  });
}
