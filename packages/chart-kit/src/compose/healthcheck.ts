/**
 * A Compose `healthcheck` as Kubernetes probes: a curl/wget of a localhost URL
 * becomes an HTTP probe of that port and path; any other test an exec probe.
 * interval/timeout/retries become the probe timing; start_period a startup probe.
 */
import type { ComposeFile, KeyPath } from "./compose-file.ts";
import { fail, isObj } from "./compose-file.ts";
import { shellWords } from "./command.ts";
import { durationSeconds, wholeSeconds } from "./quantities.ts";

export type Check =
  | { type: "http" | "https"; path: string; port: number }
  | { type: "exec"; command: string[]; shell: boolean };

export interface ProbeTiming {
  periodSeconds?: number;
  timeoutSeconds?: number;
  failureThreshold?: number;
}

export type Healthcheck =
  /** No healthcheck key: the image's own HEALTHCHECK (if any) applied in Compose. */
  | { kind: "none" }
  /** `disable: true` or `test: ["NONE"]`. */
  | { kind: "disabled" }
  /** A healthcheck without test: Compose used the image's HEALTHCHECK with these timings. */
  | { kind: "image"; timing: ProbeTiming }
  | {
      kind: "probe";
      check: Check;
      timing: ProbeTiming;
      startup?: Required<Pick<ProbeTiming, "periodSeconds" | "failureThreshold">>;
      test: string;
    };

const LOCAL_URL = /^(https?):\/\/(localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])(?::(\d+))?(\/[^\s]*)?$/;

/** Options of curl and wget that only change output, retries or timeouts; `true` when they take a value. */
const CURL_OPTIONS: Record<string, boolean> = {
  "--fail": false,
  "--silent": false,
  "--show-error": false,
  "--location": false,
  "--insecure": false,
  "--head": false,
  "--output": true,
  "--max-time": true,
  "--connect-timeout": true,
  "--retry": true,
  "-o": true,
  "-m": true,
};
const WGET_OPTIONS: Record<string, boolean> = {
  "--quiet": false,
  "--spider": false,
  "--no-verbose": false,
  "--no-check-certificate": false,
  "--output-document": true,
  "--tries": true,
  "--timeout": true,
  "-O": true,
  "-t": true,
  "-T": true,
};
const CURL_FLAGS = /^-[fsSLkIq]+$/;
const WGET_FLAGS = /^-(?:q|nv|qO-?|O-)$/;

/** The URL of `curl/wget [harmless options] URL`, or undefined when the command does anything else. */
export function fetchedUrl(argv: readonly string[]): string | undefined {
  const tool = (argv[0] ?? "").split("/").pop();
  if (tool !== "curl" && tool !== "wget") return undefined;
  const options = tool === "curl" ? CURL_OPTIONS : WGET_OPTIONS;
  const flags = tool === "curl" ? CURL_FLAGS : WGET_FLAGS;
  let url: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    const [name = "", inline] = arg.split("=", 2);
    if (name in options) {
      if (options[name] && inline === undefined) i++;
    } else if (tool === "wget" && arg === "-qO") i++;
    else if (flags.test(arg)) continue;
    else if (!arg.startsWith("-") && url === undefined) url = arg;
    else return undefined;
  }
  return url;
}

/** `X || exit 1` without the `|| exit 1`, as words, when X is a plain command (no pipes, lists or substitutions). */
export function plainCommand(shell: string): string[] | undefined {
  const body = shell.replace(/\s*\|\|\s*exit(\s+\d+)?\s*$/, "").trim();
  if (/[|&;<>`]|\$\(|\$\{?[A-Za-z_]/.test(body)) return undefined;
  return shellWords(body);
}

function testOf(
  compose: Pick<ComposeFile, "where">,
  test: unknown,
  at: KeyPath,
): { argv?: string[]; shell?: string } | "none" {
  if (typeof test === "string") return { shell: test };
  if (!Array.isArray(test) || test.length === 0) {
    fail(
      compose,
      at,
      "is neither a string nor a list",
      'write e.g. ["CMD", "curl", "-f", "http://localhost:8080/health"]',
    );
  }
  const [kind, ...rest] = test.map((t: unknown) => String(t));
  if (kind === "NONE") return "none";
  if (kind === "CMD") return { argv: rest };
  if (kind === "CMD-SHELL") return { shell: rest.join(" ") };
  return fail(
    compose,
    at,
    `starts with "${kind}", not CMD, CMD-SHELL or NONE`,
    'start the list with "CMD" (a command) or "CMD-SHELL" (a shell line)',
  );
}

function timingOf(
  compose: Pick<ComposeFile, "where">,
  hc: Record<string, unknown>,
  at: KeyPath,
): ProbeTiming {
  const seconds = (key: string) => {
    if (hc[key] === undefined) return undefined;
    const s = durationSeconds(hc[key]);
    if (s === undefined)
      fail(
        compose,
        [...at, key],
        `"${String(hc[key])}" is not a duration`,
        "write a duration such as 30s, 1m30s or 500ms",
      );
    return wholeSeconds(s);
  };
  const period = seconds("interval");
  const timeout = seconds("timeout");
  const retries = hc.retries === undefined ? undefined : Number(hc.retries);
  if (retries !== undefined && (!Number.isInteger(retries) || retries < 1)) {
    fail(
      compose,
      [...at, "retries"],
      `"${String(hc.retries)}" is not a positive whole number`,
      "give how many failures in a row count as unhealthy, e.g. 3",
    );
  }
  return {
    ...(period !== undefined ? { periodSeconds: period } : {}),
    ...(timeout !== undefined ? { timeoutSeconds: timeout } : {}),
    ...(retries !== undefined ? { failureThreshold: retries } : {}),
  };
}

/** The probes a service's `healthcheck` becomes. */
export function parseHealthcheck(
  compose: Pick<ComposeFile, "where">,
  value: unknown,
  at: KeyPath,
): Healthcheck {
  if (value === undefined || value === null) return { kind: "none" };
  if (!isObj(value))
    fail(
      compose,
      at,
      "is not a mapping",
      "write test:, interval:, timeout:, retries: and start_period: under it",
    );
  if (value.disable === true) return { kind: "disabled" };
  const timing = timingOf(compose, value, at);
  if (value.test === undefined) return { kind: "image", timing };
  const test = testOf(compose, value.test, [...at, "test"]);
  if (test === "none") return { kind: "disabled" };
  const argv = test.argv ?? (test.shell !== undefined ? plainCommand(test.shell) : undefined);
  const url = argv ? fetchedUrl(argv) : undefined;
  const m = url ? LOCAL_URL.exec(url) : null;
  let check: Check;
  if (m) {
    const type = m[1] === "https" ? "https" : "http";
    check = { type, path: m[4] ?? "/", port: m[3] ? Number(m[3]) : type === "https" ? 443 : 80 };
  } else if (argv) {
    check = { type: "exec", command: argv, shell: false };
  } else {
    check = { type: "exec", command: ["sh", "-c", test.shell ?? ""], shell: true };
  }
  const textOf = test.argv ? JSON.stringify(["CMD", ...test.argv]) : (test.shell ?? "");
  const startPeriod = value.start_period === undefined ? undefined : durationSeconds(value.start_period);
  if (value.start_period !== undefined && startPeriod === undefined) {
    fail(
      compose,
      [...at, "start_period"],
      `"${String(value.start_period)}" is not a duration`,
      "write a duration such as 60s",
    );
  }
  const startInterval =
    value.start_interval === undefined ? undefined : durationSeconds(value.start_interval);
  let startup: { periodSeconds: number; failureThreshold: number } | undefined;
  if (startPeriod) {
    // Docker checks every start_interval (default 5s) during start_period; its failures do not count.
    const period = wholeSeconds(startInterval ?? 5);
    startup = {
      periodSeconds: period,
      failureThreshold: Math.ceil(startPeriod / period) + (timing.failureThreshold ?? 3),
    };
  }
  return { kind: "probe", check, timing, test: textOf, ...(startup ? { startup } : {}) };
}
