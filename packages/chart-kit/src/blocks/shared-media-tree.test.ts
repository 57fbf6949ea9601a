import { describe, expect, it } from "vitest";
import { sharedMediaTreeCiValues } from "./shared-media-tree.ts";

describe("sharedMediaTreeCiValues", () => {
  it("mounts one NFS export, or one claim in the shared namespace, at /data", () => {
    expect(sharedMediaTreeCiValues({ allowFrom: ["prowlarr"] })).toEqual({
      "shared-nfs": {
        persistence: {
          data: {
            type: "nfs",
            server: "nas.home.arpa",
            path: "/export/data",
            globalMounts: [{ path: "/data" }],
          },
        },
      },
      "shared-namespace": {
        persistence: { data: { existingClaim: "media-data", globalMounts: [{ path: "/data" }] } },
        networkpolicies: {
          main: {
            allowFrom: [
              {
                namespaceSelector: {
                  matchExpressions: [
                    { key: "kubernetes.io/metadata.name", operator: "In", values: ["media", "prowlarr"] },
                  ],
                },
              },
            ],
          },
        },
      },
    });
  });

  it("takes another server, export, namespace and claim", () => {
    const sets = sharedMediaTreeCiValues({
      server: "nas.example.org",
      exportPath: "/volume1/data",
      namespace: "arr",
      claim: "arr-data",
    });
    expect(sets["shared-nfs"]!.persistence!.data).toMatchObject({
      server: "nas.example.org",
      path: "/volume1/data",
    });
    expect(sets["shared-namespace"]!.persistence!.data!.existingClaim).toBe("arr-data");
    expect(JSON.stringify(sets["shared-namespace"]!.networkpolicies)).toContain('"values":["arr"]');
  });
});
