import { describe, expect, it } from "vitest";
import { emptyDir } from "./empty-dir.ts";

describe("emptyDir", () => {
  it("is an emptyDir mounted in every container", () => {
    expect(emptyDir({ path: "/tmp" })).toEqual({ type: "emptyDir", globalMounts: [{ path: "/tmp" }] });
  });

  it("writes medium and sizeLimit when given", () => {
    expect(emptyDir({ path: "/dev/shm", medium: "Memory", sizeLimit: "128Mi" })).toEqual({
      type: "emptyDir",
      medium: "Memory",
      sizeLimit: "128Mi",
      globalMounts: [{ path: "/dev/shm" }],
    });
  });

  it("mounts only in one container with mountIn", () => {
    expect(emptyDir({ path: "/var/run/postgresql", mountIn: { controller: "postgres" } })).toEqual({
      type: "emptyDir",
      advancedMounts: { postgres: { main: [{ path: "/var/run/postgresql" }] } },
    });
  });
});
