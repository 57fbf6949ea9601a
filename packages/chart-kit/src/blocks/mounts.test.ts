import { describe, expect, it } from "vitest";
import { mountsOf } from "./mounts.ts";

describe("mountsOf", () => {
  it("mounts in every container without a target", () => {
    expect(mountsOf({ path: "/data", readOnly: true }, undefined)).toEqual({
      globalMounts: [{ path: "/data", readOnly: true }],
    });
  });

  it("mounts in the target's container, main by default", () => {
    expect(mountsOf({ path: "/data" }, { controller: "redis" })).toEqual({
      advancedMounts: { redis: { main: [{ path: "/data" }] } },
    });
    expect(mountsOf({ path: "/seed" }, { controller: "main", container: "seed-config" })).toEqual({
      advancedMounts: { main: { "seed-config": [{ path: "/seed" }] } },
    });
  });
});
