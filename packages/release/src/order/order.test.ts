import { describe, expect, it } from "vitest";
import { describeOrder, findCycles, needsViolations, releaseLevels } from "./dependency-graph.ts";
import { runInDependencyOrder } from "./run-in-order.ts";

const text = (services: Parameters<typeof needsViolations>[0]) =>
  needsViolations(services).map((v) => `${v.path.join(".")}: ${v.problem}. Fix: ${v.fix}`);

describe("needs: checked with the config", () => {
  it("accepts a graph without cycles", () => {
    expect(text({ a: { needs: ["b", "c"] }, b: { needs: ["c"] }, c: {} })).toEqual([]);
  });

  it("names unknown, disabled and repeated needs", () => {
    expect(text({ a: { needs: ["cert-manger", "b", "b"] }, b: { enabled: false }, c: {} })).toEqual([
      'services.a.needs.0: "cert-manger" is not a service of this config. Fix: use one of: b, c',
      "services.a.needs.1: b is not enabled (enabled: false), so a would wait for it forever. Fix: enable b, or remove it from services.a.needs",
      "services.a.needs.2: lists b twice. Fix: remove the second b",
    ]);
  });

  it("names each cycle in full, and a service that needs itself", () => {
    expect(
      text({
        a: { needs: ["b"] },
        b: { needs: ["c"] },
        c: { needs: ["a"] },
        d: { needs: ["d"] },
        e: { needs: ["a"] },
      }),
    ).toEqual([
      "services.a.needs.0: a cycle of needs: a -> b -> c -> a. Fix: remove one of these needs, so that no service waits for itself",
      "services.d.needs.0: d needs itself. Fix: remove d from services.d.needs",
    ]);
  });

  it("finds cycles in linear time on a wide graph", () => {
    // 60 services, each needing every earlier one: exponentially many paths, no cycle.
    const graph = new Map(
      Array.from({ length: 60 }, (_, i) => [
        `s${String(i).padStart(2, "0")}`,
        Array.from({ length: i }, (_, j) => `s${String(j).padStart(2, "0")}`),
      ]),
    );
    expect(findCycles(graph)).toEqual([]);
    graph.set("s00", ["s59"]);
    expect(findCycles(graph)).toEqual([["s00", "s59", "s00"]]);
  });

  it("orders services in levels", () => {
    const needs: Record<string, string[]> = {
      jellyfin: ["cert-manager"],
      vaultwarden: ["cert-manager", "db"],
      db: [],
      "cert-manager": [],
      kuma: [],
    };
    const levels = releaseLevels(Object.keys(needs), (n) => needs[n] ?? []);
    expect(levels).toEqual([
      ["cert-manager", "db", "kuma"],
      ["jellyfin", "vaultwarden"],
    ]);
    expect(describeOrder(levels)).toBe("1. cert-manager, db, kuma  2. jellyfin, vaultwarden");
  });
});

describe("runInDependencyOrder", () => {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  type Item = { name: string; needs: string[]; fails?: boolean; ms?: number };
  const run = async (items: Item[], concurrency = 8) => {
    const log: string[] = [];
    let running = 0;
    let peak = 0;
    const results = await runInDependencyOrder(items, {
      name: (i) => i.name,
      needs: (i) => i.needs,
      concurrency,
      onWait: (i, w) => log.push(`${i.name} waits for ${w.join(", ")}`),
      run: async (i) => {
        running++;
        peak = Math.max(peak, running);
        log.push(`start ${i.name}`);
        await sleep(i.ms ?? 20);
        log.push(`end ${i.name}`);
        running--;
        return { name: i.name, ok: !i.fails, status: i.fails ? "failed" : "ok" };
      },
      succeeded: (r) => r.ok,
      skip: (i, need, r) => ({ name: i.name, ok: false, status: `skipped: ${need} ${r.status}` }),
    });
    return { log, peak, results };
  };

  it("starts a service only after what it needs has succeeded, independent ones in parallel", async () => {
    const { log, peak, results } = await run([
      { name: "app", needs: ["cert-manager", "db"] },
      { name: "cert-manager", needs: [], ms: 60 },
      { name: "db", needs: [] },
      { name: "other", needs: [] },
    ]);
    expect(log.slice(0, 4)).toEqual([
      "app waits for cert-manager, db",
      "start cert-manager",
      "start db",
      "start other",
    ]);
    expect(log.indexOf("start app")).toBeGreaterThan(log.indexOf("end cert-manager"));
    expect(peak).toBe(3);
    expect(results.map((r) => r.status)).toEqual(["ok", "ok", "ok", "ok"]);
  });

  it("skips what needs a failed service, transitively, and runs the rest", async () => {
    const { results } = await run([
      { name: "cert-manager", needs: [], fails: true },
      { name: "app", needs: ["cert-manager"] },
      { name: "front", needs: ["app"] },
      { name: "db", needs: [] },
    ]);
    expect(results.map((r) => [r.name, r.status])).toEqual([
      ["cert-manager", "failed"],
      ["app", "skipped: cert-manager failed"],
      ["front", "skipped: app skipped: cert-manager failed"],
      ["db", "ok"],
    ]);
  });

  it("keeps to the concurrency limit", async () => {
    const { peak } = await run(
      Array.from({ length: 6 }, (_, i) => ({ name: `s${i}`, needs: [] })),
      2,
    );
    expect(peak).toBe(2);
  });

  it("lets a task give its place back early; what needs it still waits for its end", async () => {
    const log: string[] = [];
    const item = (name: string, needs: string[] = []) => ({ name, needs });
    await runInDependencyOrder([item("a"), item("b"), item("c", ["a"])], {
      name: (i) => i.name,
      needs: (i) => i.needs,
      concurrency: 1,
      run: async (i, freeSlot) => {
        log.push(`start ${i.name}`);
        await sleep(10);
        log.push(`installed ${i.name}`);
        freeSlot();
        freeSlot(); // twice is the same as once
        await sleep(i.name === "a" ? 80 : 10);
        log.push(`ready ${i.name}`);
        return i.name;
      },
      succeeded: () => true,
      skip: (i) => i.name,
    });
    // b installs while a waits for its pods; c (needs a) starts only once a is ready.
    expect(log.indexOf("start b")).toBeLessThan(log.indexOf("ready a"));
    expect(log.indexOf("start c")).toBeGreaterThan(log.indexOf("ready a"));
    expect(log.indexOf("start b")).toBeGreaterThan(log.indexOf("installed a"));
  });
});
