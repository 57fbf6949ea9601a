import { describe, expect, it } from "vitest";
import { goDuration, INSTALL_DEFAULTS, installSettings } from "./desired-helmchart.ts";

describe("install settings of a HelmChart", () => {
  it("takes the service's own, else release:'s, else the defaults", () => {
    const config = {
      services: { a: { backOffLimit: 1 }, b: {} },
      release: { timeout: "5m", failurePolicy: "abort" as const },
    };
    expect(installSettings(config, "a")).toEqual({
      backOffLimit: 1,
      timeout: "5m0s",
      failurePolicy: "abort",
    });
    expect(installSettings(config, "b")).toEqual({
      backOffLimit: INSTALL_DEFAULTS.backOffLimit,
      timeout: "5m0s",
      failurePolicy: "abort",
    });
    expect(installSettings({ services: { c: {} } }, "c")).toEqual({
      backOffLimit: 3,
      timeout: "10m0s",
      failurePolicy: "retry",
    });
  });

  it("writes the timeout as Go prints a duration, as helm-controller writes it back", () => {
    expect(["10m", "600s", "90s", "1h", "30s", "2h"].map(goDuration)).toEqual([
      "10m0s",
      "10m0s",
      "1m30s",
      "1h0m0s",
      "30s",
      "2h0m0s",
    ]);
  });
});
