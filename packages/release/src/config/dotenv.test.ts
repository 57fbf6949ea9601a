import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDotEnv, readDotEnv } from "./dotenv.ts";

describe(".env as the dotenv package reads it", () => {
  it("drops a comment after a quoted value and an unquoted value's inline comment", () => {
    expect(
      parseDotEnv(
        [
          'QUOTED="s3cret" # the admin password',
          "SINGLE='s3cret'   # comment",
          "BACKTICK=`s3cret`#comment",
          "UNQUOTED=s3cret # comment",
          "UNQUOTED_TIGHT=s3cret#comment",
          'HASH_IN_QUOTES="a#b" # only this is a comment',
          "SPACES =  padded value  ",
          'ESCAPED="a\\"b" # comment',
          'NEWLINES="one\\ntwo"',
          "LITERAL='one\\ntwo'",
          "EMPTY=",
          "EMPTY_QUOTED='' # nothing",
          'UNCLOSED="abc # comment',
          'TRAILER="abc" def',
        ].join("\n"),
      ),
    ).toEqual({
      QUOTED: "s3cret",
      SINGLE: "s3cret",
      BACKTICK: "s3cret",
      UNQUOTED: "s3cret",
      UNQUOTED_TIGHT: "s3cret",
      HASH_IN_QUOTES: "a#b",
      SPACES: "padded value",
      ESCAPED: 'a\\"b',
      NEWLINES: "one\ntwo",
      LITERAL: "one\\ntwo",
      EMPTY: "",
      EMPTY_QUOTED: "",
      UNCLOSED: '"abc',
      TRAILER: '"abc" def',
    });
  });

  it("reads CRLF files, skips comments, blank and other lines", () => {
    expect(parseDotEnv("# c\r\nA=1\r\nexport B='two'\r\n\r\nbad line\r\n  # indented comment\r\n")).toEqual({
      A: "1",
      B: "two",
    });
  });

  it("reads no file as no variables, and refuses a .env that is a directory, naming it", () => {
    const dir = mkdtempSync(join(tmpdir(), "dotenv-"));
    expect(readDotEnv(join(dir, ".env"))).toEqual({});
    mkdirSync(join(dir, ".env"));
    expect(() => readDotEnv(join(dir, ".env"))).toThrow(
      /\.env: is a directory, not a file\. Fix: make \.env a regular/,
    );
    expect(() => readDotEnv("/dev/null")).toThrow("/dev/null: is a character device, not a file");
  });
});
