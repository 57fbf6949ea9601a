import { describe, expect, it } from "vitest";
import { secretEnv } from "./secret-env.ts";

describe("secretEnv", () => {
  it("reads a key of a chart Secret by its identifier", () => {
    expect(secretEnv("admin", "ADMIN_TOKEN")).toEqual({
      valueFrom: { secretKeyRef: { identifier: "admin", key: "ADMIN_TOKEN" } },
    });
  });

  it("returns a new object each time", () => {
    expect(secretEnv("db", "POSTGRES_PASSWORD")).not.toBe(secretEnv("db", "POSTGRES_PASSWORD"));
  });
});
