import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tarGz } from "./tar-gz.ts";

describe("tarGz", () => {
  it("writes an archive that GNU tar extracts to the same bytes", () => {
    const long = `${"deep/".repeat(25)}file.txt`;
    const entries = [
      { path: "chart/Chart.yaml", content: "name: chart\n" },
      { path: "chart/templates/a.yaml", content: "x".repeat(1000) },
      { path: `chart/${long}`, content: "long path\n" },
    ];
    const dir = mkdtempSync(join(tmpdir(), "targz-"));
    writeFileSync(join(dir, "a.tgz"), tarGz(entries));
    execFileSync("tar", ["-xzf", "a.tgz"], { cwd: dir });
    for (const e of entries) expect(readFileSync(join(dir, e.path), "utf8")).toBe(e.content);
    const listing = execFileSync("tar", ["-tvzf", "a.tgz"], { cwd: dir, encoding: "utf8" });
    expect(listing).toContain("2000-01-01");
  });

  it("is reproducible", () => {
    const entries = [{ path: "a/b", content: "c" }];
    expect(tarGz(entries).equals(tarGz(entries))).toBe(true);
  });
});
