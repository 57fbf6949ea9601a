import { describe, expect, it } from "vitest";
import { ExitCode, FixableError, FixableErrors, reportError } from "./index.ts";

class ConfigProblem extends FixableError {
  override readonly name = "ConfigProblem";
  constructor(field: string) {
    super(`${field} is missing`, `set ${field}`, { exitCode: ExitCode.usage });
  }
}

describe("FixableError", () => {
  it("reads problem then fix, and keeps its exit code through subclasses", () => {
    const e = new ConfigProblem("k3s.version");
    expect(e.message).toBe("k3s.version is missing. Fix: set k3s.version");
    expect(e).toBeInstanceOf(FixableError);
    expect(e.exitCode).toBe(2);
    expect(new FixableError("x", "y").exitCode).toBe(ExitCode.failed);
    const placed = new FixableError("bad port", "use 1-65535", { where: "homelab.yaml:3:5" });
    expect(placed.message).toBe("homelab.yaml:3:5: bad port. Fix: use 1-65535");
    expect(placed.problem).toBe("bad port");
  });

  it("reports several problems, one per line, with the first one's exit code", () => {
    const all = new FixableErrors([new ConfigProblem("a"), new ConfigProblem("b")]);
    expect(all.message).toBe("a is missing. Fix: set a\nb is missing. Fix: set b");
    expect(all.exitCode).toBe(ExitCode.usage);
  });

  it("prints a FixableError as its message and a bug without a stack trace", () => {
    expect(reportError("tool", new ConfigProblem("a"))).toEqual({
      text: "tool: a is missing. Fix: set a\n",
      exitCode: 2,
    });
    const bug = reportError("tool", new TypeError("boom"), false);
    expect(bug.exitCode).toBe(1);
    expect(bug.text).toContain("unexpected error: boom");
    expect(bug.text).not.toContain("at ");
    expect(reportError("tool", new TypeError("boom"), true).text).toContain("TypeError: boom\n    at ");
  });
});
