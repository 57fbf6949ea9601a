import { describe, expect, it } from "vitest";
import { allowFromNamespaces } from "./allow-from-namespaces.ts";

describe("allowFromNamespaces", () => {
  it("admits the namespaces by their name label, in order", () => {
    expect(allowFromNamespaces(["prowlarr", "jellyseerr"])).toEqual({
      allowFrom: [
        {
          namespaceSelector: {
            matchExpressions: [
              { key: "kubernetes.io/metadata.name", operator: "In", values: ["prowlarr", "jellyseerr"] },
            ],
          },
        },
      ],
    });
  });

  it("copies the list", () => {
    const names = ["sonarr"];
    const policy = allowFromNamespaces(names);
    names.push("radarr");
    expect(JSON.stringify(policy)).not.toContain("radarr");
  });
});
