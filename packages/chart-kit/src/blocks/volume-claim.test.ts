import { describe, expect, it } from "vitest";
import { volumeClaim } from "./volume-claim.ts";

describe("volumeClaim", () => {
  it("is a claim of the size mounted in every container", () => {
    expect(volumeClaim({ size: "2Gi", path: "/config" })).toEqual({
      type: "persistentVolumeClaim",
      size: "2Gi",
      globalMounts: [{ path: "/config" }],
    });
  });

  it("writes retain and readOnly only when given", () => {
    expect(volumeClaim({ size: "10Gi", path: "/cache", retain: false })).toEqual({
      type: "persistentVolumeClaim",
      size: "10Gi",
      retain: false,
      globalMounts: [{ path: "/cache" }],
    });
    expect(volumeClaim({ size: "50Gi", path: "/music", readOnly: true }).globalMounts).toEqual([
      { path: "/music", readOnly: true },
    ]);
  });

  it("mounts only in one container with mountIn", () => {
    expect(volumeClaim({ size: "2Gi", path: "/app/data", mountIn: { controller: "main" } })).toEqual({
      type: "persistentVolumeClaim",
      size: "2Gi",
      advancedMounts: { main: { main: [{ path: "/app/data" }] } },
    });
    expect(
      volumeClaim({ size: "1Gi", path: "/x", mountIn: { controller: "jobs", container: "worker" } })
        .advancedMounts,
    ).toEqual({ jobs: { worker: [{ path: "/x" }] } });
  });
});
