import { describe, expect, it } from "vitest";
import {
  chartSecretIds,
  podAnnotationsKey,
  withExistingSecrets,
  withPodAnnotations,
} from "./chart-values.ts";

describe("what the release knows of the charts' values model", () => {
  it("finds where a controller's pod annotations go, in the v1 and the v2 model", () => {
    const v1 = {
      properties: { controllers: { properties: { main: { properties: { podAnnotations: {} } } } } },
    };
    const v2 = {
      properties: {
        controllers: {
          patternProperties: { "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$": { properties: { pod: {} } } },
        },
      },
    };
    expect(podAnnotationsKey(v1, "main")).toEqual(["podAnnotations"]);
    expect(podAnnotationsKey(v2, "worker")).toEqual(["pod", "annotations"]);
    expect(podAnnotationsKey({ properties: {} }, "main")).toBeUndefined();
  });

  it("adds annotations and existing secrets without touching the rest of the values", () => {
    const values = { controllers: { main: { pod: { annotations: { a: "1" } }, replicas: 2 } } };
    expect(withPodAnnotations(values, "main", ["pod", "annotations"], { b: "2" })).toEqual({
      controllers: { main: { pod: { annotations: { a: "1", b: "2" } }, replicas: 2 } },
    });
    expect(values.controllers.main.pod.annotations).toEqual({ a: "1" });
    expect(withPodAnnotations({}, "web", ["podAnnotations"], { b: "2" })).toEqual({
      controllers: { web: { podAnnotations: { b: "2" } } },
    });
    expect(
      withExistingSecrets({ secrets: { admin: { enabled: true } } }, { admin: "homelab-x-admin" }),
    ).toEqual({ secrets: { admin: { enabled: true, existingSecret: "homelab-x-admin" } } });
    expect(chartSecretIds({ secrets: { b: {}, a: {} } })).toEqual(["a", "b"]);
  });
});
