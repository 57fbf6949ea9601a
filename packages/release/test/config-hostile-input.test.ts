/**
 * The config side of hostile and malformed input (test/fixtures/hostile-config.yaml): each
 * homelab.yaml, .env or kubeconfig of the corpus, fed to the release CLI, stops at the check
 * with exit code 2, names its file and field (stderr and the JSON error), prints no stack trace
 * and no "unexpected error", runs no payload and writes nothing in the repository or $HOME.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { releaseCli, throwawayRepo } from "./hostile-input.ts";

type Entry =
  | string
  | { dir: true }
  | { fifo: true }
  | { link: string }
  | { hex: string }
  | { script: string };

interface Case {
  name: string;
  files?: Record<string, Entry>;
  args?: string[];
  file: string;
  field: string;
  says?: string[];
  never?: string[];
  absent?: string[];
}

const CORPUS = YAML.parse(
  readFileSync(join(import.meta.dirname, "fixtures", "hostile-config.yaml"), "utf8"),
) as Case[];

/** Every entry below `dir`: path, kind, mode, and a regular file's hash (a FIFO or device is never opened). */
function fingerprint(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    const s = lstatSync(p);
    const mode = (s.mode & 0o7777).toString(8);
    if (s.isDirectory()) out.push(`${p} dir ${mode}`, ...fingerprint(p));
    else if (s.isSymbolicLink()) out.push(`${p} link ${readlinkSync(p)}`);
    else if (s.isFile())
      out.push(`${p} file ${mode} ${createHash("sha256").update(readFileSync(p)).digest("hex")}`);
    else out.push(`${p} special ${mode} ${s.mtimeMs}`);
  }
  return out;
}

interface JsonError {
  ok: boolean;
  error: { exitCode: number; message: string; file?: string; field?: string };
}

describe("the config check and hostile or malformed input: exit 2, file and field named, nothing run or written", () => {
  it.each(CORPUS)(
    "$name",
    async (c) => {
      const box = throwawayRepo("services: {}\n");
      const outside = join(dirname(box.repo), "outside");
      mkdirSync(outside);
      const fill = (s: string) =>
        s.replaceAll("MARKER", box.marker).replaceAll("OUTSIDE", outside).replaceAll("DIR", box.repo);
      for (const [name, entry] of Object.entries(c.files ?? {})) {
        const path = name.startsWith("OUTSIDE/") ? fill(name) : join(box.repo, name);
        mkdirSync(dirname(path), { recursive: true });
        rmSync(path, { force: true });
        if (typeof entry === "string") writeFileSync(path, fill(entry));
        else if ("dir" in entry) mkdirSync(path);
        else if ("fifo" in entry) execFileSync("mkfifo", [path]);
        else if ("link" in entry) symlinkSync(fill(entry.link), path);
        else if ("hex" in entry) writeFileSync(path, Buffer.from(entry.hex, "hex"));
        else {
          writeFileSync(path, fill(entry.script));
          chmodSync(path, 0o755);
        }
      }
      for (const p of c.absent ?? []) expect(existsSync(p), `${p} before the run`).toBe(false);
      const before = [...fingerprint(box.repo), ...fingerprint(box.home), ...fingerprint(outside)];

      const r = await releaseCli(box, [...(c.args ?? []).map(fill), "--plan", "--json"]);

      expect(r.exitCode, r.stderr).toBe(2);
      expect(r.stderr).not.toMatch(/unexpected error|\n\s+at |TypeError|HOMELAB_DEBUG/);
      for (const text of c.says ?? []) expect(r.stderr).toContain(fill(text));
      for (const text of c.never ?? []) expect(r.stdout + r.stderr).not.toContain(text);
      const report = JSON.parse(r.stdout) as JsonError;
      expect(report.ok).toBe(false);
      expect(report.error.exitCode).toBe(2);
      expect(report.error.file).toBe(fill(c.file));
      expect(report.error.field ?? "").toBe(fill(c.field));
      expect(r.stderr).toContain(`${fill(c.file)}`);
      if (c.field) expect(r.stderr).toContain(fill(c.field));

      expect(existsSync(box.marker)).toBe(false);
      for (const p of c.absent ?? []) expect(existsSync(p), p).toBe(false);
      expect([...fingerprint(box.repo), ...fingerprint(box.home), ...fingerprint(outside)]).toEqual(before);
    },
    60_000,
  );
});
