import { describe, expect, it } from "vitest";
import { parseCommand, shellWords } from "./command.ts";

const where = { where: () => "compose.yaml:3" };

describe("shellWords", () => {
  it.each([
    ["redis-server --save 60 1", ["redis-server", "--save", "60", "1"]],
    [`sh -c 'echo "hi there"'`, ["sh", "-c", 'echo "hi there"']],
    [`say "a \\"quoted\\" word"`, ["say", 'a "quoted" word']],
    ["a\\ b c", ["a b", "c"]],
    [`empty "" arg`, ["empty", "", "arg"]],
    ["  spaced   out  ", ["spaced", "out"]],
  ])("%s", (line, words) => expect(shellWords(line)).toEqual(words));

  it("refuses an unclosed quote", () => expect(shellWords("say 'oops")).toBeUndefined());
});

describe("parseCommand", () => {
  it("takes lists as they are, numbers as text", () => {
    expect(parseCommand(where, ["--port", 8080], ["services", "a", "command"])).toEqual(["--port", "8080"]);
  });
  it("is undefined when not given", () => expect(parseCommand(where, undefined, [])).toBeUndefined());
  it("names the file and key of an unclosed quote", () => {
    expect(() => parseCommand(where, "say 'oops", ["services", "a", "command"])).toThrow(
      /^compose\.yaml:3: services\.a\.command: "say 'oops" has an unclosed quote\. Fix: /,
    );
  });
});
