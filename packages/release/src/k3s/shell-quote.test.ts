import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { shellAssign, shellQuote } from "./shell-quote.ts";

/** What `sh` makes of `printf '%s\0' <words>`: the arguments it received. */
const shWords = (words: string) =>
  execFileSync("sh", ["-c", `printf '%s\\0' ${words}`])
    .toString()
    .split("\0")
    .slice(0, -1);

const HOSTILE = [
  "",
  "plain",
  "it's",
  "'",
  "''",
  "127.0.0.1' ; touch /tmp/p ; echo '",
  "$(touch /tmp/p)",
  "`touch /tmp/p`",
  "a\nb",
  "a b\tc",
  "\\'\\",
  '"$HOME"',
  "--flag=x;y|z&w>v<u",
  "*",
  "~",
];

describe("shellQuote", () => {
  it("gives sh every string back as one argument, byte for byte", () => {
    for (const word of HOSTILE) expect(shWords(shellQuote(word)), JSON.stringify(word)).toEqual([word]);
    expect(shWords(HOSTILE.map(shellQuote).join(" "))).toEqual(HOSTILE);
  });

  it("assigns a quoted value to a checked variable name", () => {
    expect(execFileSync("sh", ["-c", `${shellAssign("X", "a'; echo b")}; printf %s "$X"`]).toString()).toBe(
      "a'; echo b",
    );
    expect(() => shellAssign("X;rm", "v")).toThrow(/not a shell variable name/);
  });
});
