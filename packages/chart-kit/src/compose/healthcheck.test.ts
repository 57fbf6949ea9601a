import { describe, expect, it } from "vitest";
import { fetchedUrl, parseHealthcheck, plainCommand } from "./healthcheck.ts";

const compose = { where: () => "compose.yaml:20" };
const at = ["services", "app", "healthcheck"];
const parse = (value: unknown) => parseHealthcheck(compose, value, at);

describe("HTTP checks", () => {
  it.each([
    [["CMD", "curl", "-f", "http://localhost:8080/health"], { type: "http", path: "/health", port: 8080 }],
    [
      ["CMD-SHELL", "curl -fsS http://localhost:3000/api/ping || exit 1"],
      { type: "http", path: "/api/ping", port: 3000 },
    ],
    ["curl --fail --silent http://127.0.0.1:80/ || exit 1", { type: "http", path: "/", port: 80 }],
    [
      ["CMD", "wget", "--no-verbose", "--tries=1", "--spider", "http://localhost:9000/-/healthy"],
      { type: "http", path: "/-/healthy", port: 9000 },
    ],
    [["CMD", "wget", "-qO-", "http://localhost:8096/health"], { type: "http", path: "/health", port: 8096 }],
    [
      ["CMD", "curl", "-k", "https://localhost:8443/status?full=1"],
      { type: "https", path: "/status?full=1", port: 8443 },
    ],
    [["CMD", "curl", "-f", "http://localhost"], { type: "http", path: "/", port: 80 }],
  ])("%j", (test, check) => expect(parse({ test })).toMatchObject({ kind: "probe", check }));
});

describe("exec checks", () => {
  it("runs a CMD as it is", () => {
    expect(parse({ test: ["CMD", "pg_isready", "-U", "postgres"] })).toMatchObject({
      check: { type: "exec", command: ["pg_isready", "-U", "postgres"], shell: false },
    });
  });

  it("runs `X || exit 1` as X when X is a plain command", () => {
    expect(parse({ test: "redis-cli ping || exit 1" })).toMatchObject({
      check: { type: "exec", command: ["redis-cli", "ping"], shell: false },
    });
  });

  it("runs other shell lines through sh -c", () => {
    const line = "curl -f http://localhost:8080/ | grep ok";
    expect(parse({ test: ["CMD-SHELL", line] })).toMatchObject({
      check: { type: "exec", command: ["sh", "-c", line], shell: true },
    });
  });

  it.each([
    [["curl", "-X", "POST", "http://localhost:1/"]],
    [["curl", "-H", "Host: x", "http://localhost:1/"]],
    [["curl", "http://immich-server:2283/api/ping"]],
  ])("does not take %j as an HTTP check", (argv) => {
    const r = parse({ test: ["CMD", ...argv] });
    expect(r).toMatchObject({ check: { type: "exec" } });
  });

  it("finds only harmless curl/wget invocations", () => {
    expect(fetchedUrl(["curl", "-fsSL", "--max-time", "5", "http://localhost:1/"])).toBe(
      "http://localhost:1/",
    );
    expect(fetchedUrl(["curl", "--data", "x", "http://localhost:1/"])).toBeUndefined();
    expect(fetchedUrl(["nc", "-z", "localhost", "1"])).toBeUndefined();
    expect(plainCommand("a && b")).toBeUndefined();
    expect(plainCommand("check $HOME")).toBeUndefined();
  });
});

describe("timing, start period, disabled and missing checks", () => {
  it("maps interval, timeout and retries to the probe timing", () => {
    expect(parse({ test: ["CMD", "true"], interval: "1m30s", timeout: "10s", retries: 5 })).toMatchObject({
      timing: { periodSeconds: 90, timeoutSeconds: 10, failureThreshold: 5 },
    });
  });

  it("turns start_period into a startup probe checking every start_interval (Docker's default 5s)", () => {
    expect(parse({ test: ["CMD", "true"], start_period: "60s", retries: 3 })).toMatchObject({
      startup: { periodSeconds: 5, failureThreshold: 15 },
    });
    expect(parse({ test: ["CMD", "true"], start_period: "60s", start_interval: "10s" })).toMatchObject({
      startup: { periodSeconds: 10, failureThreshold: 9 },
    });
  });

  it("knows disabled checks and checks that use the image's own", () => {
    expect(parse(undefined)).toEqual({ kind: "none" });
    expect(parse({ disable: true })).toEqual({ kind: "disabled" });
    expect(parse({ test: ["NONE"] })).toEqual({ kind: "disabled" });
    expect(parse({ disable: false })).toEqual({ kind: "image", timing: {} });
    expect(parse({ interval: "10s" })).toEqual({ kind: "image", timing: { periodSeconds: 10 } });
  });

  it.each([
    [{ test: ["RUN", "x"] }, /healthcheck\.test: starts with "RUN"/],
    [{ test: ["CMD", "x"], interval: "often" }, /healthcheck\.interval: "often" is not a duration/],
    [{ test: ["CMD", "x"], retries: 0 }, /healthcheck\.retries: "0" is not a positive whole number/],
    ["curl x", /healthcheck: is not a mapping/],
  ])("refuses %j naming the key", (value, message) => {
    expect(() => parse(value)).toThrow(message);
    expect(() => parse(value)).toThrow(/^compose\.yaml:20: services\.app\./);
  });
});
