import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigErrors } from "../errors.ts";
import { readInputFile } from "./read-input-file.ts";

const dir = mkdtempSync(join(tmpdir(), "read-input-"));
const read = (file: string, maxBytes?: number) =>
  readInputFile(file, { shown: "in.yaml", what: "a homelab config", ...(maxBytes ? { maxBytes } : {}) });
const problem = (file: string, maxBytes?: number) => {
  try {
    read(file, maxBytes);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigErrors);
    expect((e as ConfigErrors).exitCode).toBe(2);
    return (e as ConfigErrors).message;
  }
  throw new Error("not refused");
};

describe("reading an input file: regular text files only, never more than the cap", () => {
  it("reads a file, and gives undefined for one that does not exist", () => {
    writeFileSync(join(dir, "ok.yaml"), "services: {}\n");
    expect(read(join(dir, "ok.yaml"))).toBe("services: {}\n");
    expect(read(join(dir, "missing.yaml"))).toBeUndefined();
  });

  it("refuses a directory, naming the file", () => {
    mkdirSync(join(dir, "a-dir"));
    expect(problem(join(dir, "a-dir"))).toBe(
      "in.yaml: is a directory, not a file. Fix: give the path of a homelab config",
    );
  });

  it("refuses /dev/null and /dev/zero (devices) without reading them", () => {
    expect(problem("/dev/null")).toBe(
      "in.yaml: is a character device, not a file. Fix: give the path of a homelab config",
    );
    // /dev/zero never ends: the old stat-then-read would have read it until memory ran out.
    expect(problem("/dev/zero")).toContain("is a character device, not a file");
  });

  it("refuses a FIFO without blocking on it (no writer) and without reading it", () => {
    const fifo = join(dir, "fifo.yaml");
    execFileSync("mkfifo", [fifo]);
    expect(problem(fifo)).toBe(
      "in.yaml: is a named pipe (FIFO), not a file. Fix: give the path of a homelab config",
    );
  });

  it("refuses a file over the cap, and binary garbage", () => {
    writeFileSync(join(dir, "big.yaml"), "x".repeat(101));
    expect(problem(join(dir, "big.yaml"), 100)).toBe(
      "in.yaml: is 101 bytes, more than the 100 a homelab config may have. Fix: check that this is a homelab config",
    );
    expect(read(join(dir, "big.yaml"), 101)).toHaveLength(101);
    writeFileSync(join(dir, "garbage.yaml"), Buffer.from([0xff, 0xfe, 0x00, 0x80, 0xc3]));
    expect(problem(join(dir, "garbage.yaml"))).toBe(
      "in.yaml: is not UTF-8 text (a binary file?). Fix: give the path of a homelab config",
    );
  });
});
