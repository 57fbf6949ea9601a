import { realpathSync } from "node:fs";
import { homedir } from "node:os";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";

/** Where a path from the config may lead: under the config's directory, or also under $HOME. */
export type PathScope = "config-dir" | "config-dir-or-home";

/** A config path resolved (relative to the config's directory, symlinks followed) and confined to its scope. */
export type ConfinedPath = { path: string } | { problem: string; fix: string };

/** `p` with every symlink resolved, for the part of it that exists (the rest appended as written). */
function realPath(p: string): string {
  try {
    return realpathSync.native(p);
  } catch {
    const parent = dirname(p);
    return parent === p ? p : join(realPath(parent), basename(p));
  }
}

const isInside = (dir: string, p: string) => {
  const rel = relative(dir, p);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
};

/**
 * Resolves a path written in the config: `~/` is $HOME (scope config-dir-or-home only), a
 * relative path is relative to `base` (the config's directory), and the real path (symlinks
 * resolved) must be under `base`, or under $HOME for config-dir-or-home. The file is not
 * opened: a path outside is refused before anything reads it.
 */
export function confinedPath(raw: string, base: string, scope: PathScope): ConfinedPath {
  const home = homedir();
  const expanded =
    scope === "config-dir-or-home" && (raw === "~" || raw.startsWith("~/")) ? home + raw.slice(1) : raw;
  const absolute = resolve(base, expanded);
  const real = realPath(absolute);
  const roots = [realPath(base), ...(scope === "config-dir-or-home" ? [realPath(home)] : [])];
  if (roots.some((r) => isInside(r, real))) return { path: real };
  const where =
    scope === "config-dir-or-home"
      ? `${base} (the config's directory) or ${home}`
      : `${base} (the config's directory)`;
  return {
    problem: `${absolute}${real !== absolute ? ` (a link to ${real})` : ""} is outside ${where}`,
    fix: `put the file under ${where} and give its path${scope === "config-dir" ? " relative to this file" : ""}: a config may only make the release read files there`,
  };
}
