import { describe, expect, it } from "vitest";
import { commentLines, Notes, printKey, printLiteral } from "./ts-literal.ts";

describe("printLiteral", () => {
  it("prints short values on one line, with bare keys where TypeScript allows them", () => {
    const notes = new Notes();
    expect(printLiteral({ a: 1, "b-c": "x", d: [true, null], e: {} }, notes)).toBe(
      '{ a: 1, "b-c": "x", d: [true, null], e: {} }',
    );
    expect(printKey("$ok_1")).toBe("$ok_1");
    expect(printKey("1x")).toBe('"1x"');
  });

  it("puts comments above their entries, one key a line", () => {
    const notes = new Notes();
    const inner = { port: 80 };
    const value = { http: inner, list: ["a"] };
    notes.add(value, "http", "The web UI.");
    notes.add(value.list, 0, "First.");
    expect(printLiteral(value, notes)).toBe(
      [
        "{",
        "  // The web UI.",
        "  http: { port: 80 },",
        "  list: [",
        "    // First.",
        '    "a",',
        "  ],",
        "}",
      ].join("\n"),
    );
  });

  it("breaks what does not fit the width, and splits long strings after spaces", () => {
    const notes = new Notes();
    const text = printLiteral({ reason: "word ".repeat(30).trim(), n: 1 }, notes, { width: 60 });
    expect(text.split("\n").every((l) => l.length <= 60)).toBe(true);
    expect(text).toMatch(/\n {2}reason:\n {4}"word [^\n]*" \+\n {4}"word/);
    expect(Function(`return (${text});`)()).toEqual({ reason: "word ".repeat(30).trim(), n: 1 });
  });

  it("wraps comments to the width", () => {
    const lines = commentLines("one two three four five six seven", 2, 20);
    expect(lines).toEqual(["  // one two three", "  // four five six", "  // seven"]);
  });

  it("knows when an object has comments anywhere inside", () => {
    const notes = new Notes();
    const deep = { a: { b: [{ c: 1 }] } };
    expect(notes.within(deep)).toBe(false);
    notes.add(deep.a.b[0] as object, "c", "here");
    expect(notes.within(deep)).toBe(true);
  });
});
