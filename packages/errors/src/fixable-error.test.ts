import { describe, expect, it } from "vitest";
import { errorJson, ExitCode, FixableError, FixableErrors, reportError } from "./index.ts";

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

describe("errorJson", () => {
  it("gives every failure one shape: message, fix, exit code, and file and field when known", () => {
    class Placed extends FixableError {
      readonly file = "homelab.yaml";
      readonly field = "hosts.0.port";
    }
    const placed = new Placed("bad port", "use 1-65535", {
      where: "homelab.yaml:3:5: hosts.0.port",
      exitCode: ExitCode.usage,
    });
    expect(errorJson(placed)).toEqual({
      ok: false,
      error: {
        message: "homelab.yaml:3:5: hosts.0.port: bad port",
        fix: "use 1-65535",
        exitCode: 2,
        file: "homelab.yaml",
        field: "hosts.0.port",
      },
    });
    const all = errorJson(new FixableErrors([placed, new ConfigProblem("b")]));
    expect(all.error).toMatchObject({ field: "hosts.0.port", exitCode: 2 });
    expect(all.error.problems).toEqual([
      expect.objectContaining({ field: "hosts.0.port" }),
      { message: "b is missing", fix: "set b" },
    ]);
    expect(errorJson(new TypeError("boom"))).toEqual({
      ok: false,
      error: {
        message: "unexpected error: boom",
        fix: "run again with HOMELAB_DEBUG=1 for the stack trace, and report it",
        exitCode: 1,
      },
    });
  });
});
