import { describe, expect, it } from "vitest";
import { execProbes, httpProbes, lenientProbeTimings, tcpProbes } from "./probes.ts";

describe("httpProbes", () => {
  it("checks one path on the http port, with a 5-minute startup probe by default", () => {
    expect(httpProbes({ path: "/health" })).toEqual({
      startup: {
        type: "http",
        path: "/health",
        port: "http",
        spec: { periodSeconds: 10, failureThreshold: 30 },
      },
      liveness: { type: "http", path: "/health", port: "http" },
      readiness: { type: "http", path: "/health", port: "http" },
    });
  });

  it("writes no spec where no timing is given", () => {
    const probes = httpProbes({ path: "/", liveness: {}, readiness: {} });
    expect(Object.keys(probes.liveness!)).toEqual(["type", "path", "port"]);
    expect(Object.keys(probes.readiness!)).toEqual(["type", "path", "port"]);
  });

  it("lays each probe's timing into its spec, and takes another port", () => {
    expect(
      httpProbes({
        path: "/api/version",
        port: 5000,
        startup: { periodSeconds: 5, failureThreshold: 60 },
        liveness: { timeoutSeconds: 5 },
      }),
    ).toEqual({
      startup: {
        type: "http",
        path: "/api/version",
        port: 5000,
        spec: { periodSeconds: 5, failureThreshold: 60 },
      },
      liveness: { type: "http", path: "/api/version", port: 5000, spec: { timeoutSeconds: 5 } },
      readiness: { type: "http", path: "/api/version", port: 5000 },
    });
  });

  it("leaves out the startup probe with startup: false", () => {
    expect(httpProbes({ path: "/alive", startup: false })).toEqual({
      liveness: { type: "http", path: "/alive", port: "http" },
      readiness: { type: "http", path: "/alive", port: "http" },
    });
  });

  it("applies the lenient timings as copies, never the frozen originals", () => {
    const probes = httpProbes({ path: "/ping", ...lenientProbeTimings });
    expect(probes).toEqual({
      startup: {
        type: "http",
        path: "/ping",
        port: "http",
        spec: { periodSeconds: 10, failureThreshold: 30 },
      },
      liveness: {
        type: "http",
        path: "/ping",
        port: "http",
        spec: { periodSeconds: 30, timeoutSeconds: 5, failureThreshold: 5 },
      },
      readiness: {
        type: "http",
        path: "/ping",
        port: "http",
        spec: { periodSeconds: 10, timeoutSeconds: 5 },
      },
    });
    expect(probes.liveness!.spec).not.toBe(lenientProbeTimings.liveness);
    expect(Object.isFrozen(probes.liveness!.spec)).toBe(false);
    expect(Object.isFrozen(lenientProbeTimings.liveness)).toBe(true);
  });
});

describe("tcpProbes", () => {
  it("connects to the http port by default", () => {
    expect(tcpProbes({ readiness: { periodSeconds: 10 } })).toEqual({
      startup: { type: "tcp", port: "http", spec: { periodSeconds: 10, failureThreshold: 30 } },
      liveness: { type: "tcp", port: "http" },
      readiness: { type: "tcp", port: "http", spec: { periodSeconds: 10 } },
    });
  });

  it("takes a named port", () => {
    expect(tcpProbes({ port: "mqtt", startup: { periodSeconds: 5, failureThreshold: 12 } }).startup).toEqual({
      type: "tcp",
      port: "mqtt",
      spec: { periodSeconds: 5, failureThreshold: 12 },
    });
  });
});

describe("execProbes", () => {
  it("runs the command, each probe with its own copy of it", () => {
    const command = ["pg_isready", "-U", "app"];
    const probes = execProbes({ command, startup: { periodSeconds: 5, failureThreshold: 60 } });
    expect(probes).toEqual({
      startup: { type: "exec", command, spec: { periodSeconds: 5, failureThreshold: 60 } },
      liveness: { type: "exec", command },
      readiness: { type: "exec", command },
    });
    expect(probes.liveness!.command).not.toBe(command);
    expect(probes.liveness!.command).not.toBe(probes.readiness!.command);
  });
});
