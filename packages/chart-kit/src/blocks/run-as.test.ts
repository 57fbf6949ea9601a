import { describe, expect, it } from "vitest";
import { runAsRoot, runAsUser } from "./run-as.ts";

describe("runAsUser", () => {
  it("sets user, group and fsGroup to the one id by default", () => {
    expect(runAsUser(472)).toEqual({ runAsUser: 472, runAsGroup: 472, fsGroup: 472 });
  });

  it("takes another group and fsGroup", () => {
    expect(runAsUser(33, { group: 34 })).toEqual({ runAsUser: 33, runAsGroup: 34, fsGroup: 34 });
    expect(runAsUser(1000, { fsGroup: 20 })).toEqual({ runAsUser: 1000, runAsGroup: 1000, fsGroup: 20 });
  });
});

describe("runAsRoot", () => {
  it("runs as uid and gid 0, leaving fsGroup to the chart unless given", () => {
    expect(runAsRoot()).toEqual({ runAsNonRoot: false, runAsUser: 0, runAsGroup: 0 });
    expect(Object.keys(runAsRoot())).not.toContain("fsGroup");
    expect(runAsRoot({ fsGroup: 33 })).toEqual({
      runAsNonRoot: false,
      runAsUser: 0,
      runAsGroup: 0,
      fsGroup: 33,
    });
  });
});
