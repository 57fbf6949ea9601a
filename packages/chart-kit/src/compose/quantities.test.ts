import { describe, expect, it } from "vitest";
import { cpuQuantity, durationSeconds, quantity, sizeBytes, wholeSeconds } from "./quantities.ts";

describe("Compose durations", () => {
  it.each([
    ["30s", 30],
    ["1m30s", 90],
    ["1h", 3600],
    ["500ms", 0.5],
    ["10", 10],
    [45, 45],
  ])("%s is %s seconds", (text, seconds) => expect(durationSeconds(text)).toBe(seconds));

  it.each(["thirty", "5d", "", "1m 30s"])("%j is not a duration", (text) =>
    expect(durationSeconds(text)).toBeUndefined(),
  );

  it("rounds up to whole seconds, at least 1", () => {
    expect(wholeSeconds(0.5)).toBe(1);
    expect(wholeSeconds(90)).toBe(90);
    expect(wholeSeconds(90.2)).toBe(91);
  });
});

describe("Compose sizes", () => {
  it.each([
    ["512mb", 512 * 1024 ** 2],
    ["128m", 128 * 1024 ** 2],
    ["1g", 1024 ** 3],
    ["1GB", 1024 ** 3],
    ["100k", 102400],
    [1000000000, 1e9],
    ["2048", 2048],
  ])("%s is %s bytes", (text, bytes) => expect(sizeBytes(text)).toBe(bytes));

  it("is undefined for text that is not a size", () => expect(sizeBytes("big")).toBeUndefined());

  it.each([
    [512 * 1024 ** 2, "512Mi"],
    [1024 ** 3, "1Gi"],
    [1e9, "1G"],
    [1536 * 1024, "1536Ki"],
    [1001, "1001"],
  ])("%s bytes is the quantity %s", (bytes, q) => expect(quantity(bytes)).toBe(q));

  it("converts CPU counts", () => {
    expect(cpuQuantity("0.5")).toBe("500m");
    expect(cpuQuantity(2)).toBe("2");
    expect(cpuQuantity("1.25")).toBe("1250m");
    expect(cpuQuantity("many")).toBeUndefined();
  });
});
