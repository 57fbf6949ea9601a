/**
 * What the hostile-input tests share: a throwaway repository (no services) with a fake
 * $HOME, the release CLI run in it as a process, and a fingerprint of every file in both,
 * to show that a command wrote nothing.
 */
import { createHash } from "node:crypto";
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  writeFileSync,
} from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { root } from "./helpers.ts";

export interface Sandbox {
  repo: string;
  home: string;
  /** A file a payload would create: it must never exist. */
  marker: string;
}

/** A repository with an empty apps/ and a homelab.yaml, a fake $HOME, and a marker path for payloads. */
export function throwawayRepo(config: string): Sandbox {
  const dir = mkdtempSync(join(tmpdir(), "hostile-"));
  const repo = join(dir, "repo");
  const home = join(dir, "home");
  mkdirSync(join(repo, "apps"), { recursive: true });
  mkdirSync(join(home, ".ssh"), { recursive: true });
  writeFileSync(join(repo, "pnpm-workspace.yaml"), "packages: []\n");
  writeFileSync(join(repo, "homelab.yaml"), config);
  return { repo, home, marker: join(dir, "payload-ran") };
}

/** Every file, directory and link below `dir`: path, kind, mode and content hash. */
export function fingerprint(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const s = lstatSync(p);
      const mode = (s.mode & 0o7777).toString(8);
      if (s.isDirectory()) {
        out.push(`${p} dir ${mode}`);
        walk(p);
      } else if (s.isSymbolicLink()) out.push(`${p} link ${readlinkSync(p)}`);
      else out.push(`${p} file ${mode} ${createHash("sha256").update(readFileSync(p)).digest("hex")}`);
    }
  };
  walk(dir);
  return out;
}

const CLI = join(root, "packages", "release", "test", "fixtures", "release-cli.mjs");

/** Runs `homelab-release ARGS` in the sandbox's repository with its fake $HOME. */
export async function releaseCli(box: Sandbox, args: readonly string[]) {
  const r = await execa("node", [CLI, ...args], {
    cwd: box.repo,
    reject: false,
    env: {
      HOME: box.home,
      HOMELAB_TOOLS_DIR: process.env.HOMELAB_TOOLS_DIR ?? join(homedir(), ".cache", "homelab", "tools"),
      HOMELAB_DEBUG: "",
    },
    extendEnv: true,
  });
  return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}
