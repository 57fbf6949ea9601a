import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { describeDrift, driftOf, fieldPaths } from "./drift.ts";
import { decodeRelease } from "./helm-release.ts";
import { ingressUrls } from "./service-urls.ts";

describe("drift from managedFields", () => {
  const applied = {
    manager: "homelab-release",
    operation: "Apply",
    fieldsV1: {
      "f:spec": { "f:valuesContent": {}, "f:chartContent": {} },
      "f:metadata": { "f:labels": { "f:app.kubernetes.io/managed-by": {} } },
    },
  };

  it("lists leaf fields", () => {
    expect(
      fieldPaths({
        "f:metadata": { "f:labels": { ".": {}, "f:a.b/c": {} } },
        "f:spec": { "f:set": { "f:x": {} }, "f:list": { 'k:{"name":"a"}': { "f:v": {} } } },
      }),
    ).toEqual(["metadata.labels.a.b/c", "spec.set.x", 'spec.list[{"name":"a"}].v']);
  });

  it("names fields another manager set, not the tool's, status writes or helm-controller's", () => {
    const drift = driftOf(
      [
        applied,
        {
          manager: "helm-controller",
          operation: "Update",
          fieldsV1: { "f:metadata": { "f:finalizers": {} } },
        },
        {
          manager: "helm-controller",
          operation: "Update",
          subresource: "status",
          fieldsV1: { "f:status": { "f:jobName": {} } },
        },
        {
          manager: "kubectl-edit",
          operation: "Update",
          time: "2026-11-25T19:00:00Z",
          fieldsV1: { "f:spec": { "f:valuesContent": {} }, "f:metadata": { "f:labels": { "f:team": {} } } },
        },
        {
          manager: "kubectl-label",
          operation: "Update",
          fieldsV1: { "f:metadata": { "f:labels": { "f:app.kubernetes.io/managed-by": {} } } },
        },
      ],
      { labels: ["app.kubernetes.io/managed-by"] },
    );
    expect(drift.map(describeDrift)).toEqual([
      "metadata.labels.app.kubernetes.io/managed-by changed by kubectl-label (Update)",
      "spec.valuesContent changed by kubectl-edit (Update, 2026-11-25T19:00:00Z)",
    ]);
    expect(driftOf([applied])).toEqual([]);
  });
});

describe("what status reads", () => {
  it("decodes helm's stored release", () => {
    const stored = Buffer.from(
      gzipSync(
        Buffer.from(
          JSON.stringify({
            info: { status: "deployed" },
            chart: { metadata: { name: "web-app", version: "2.0.0" } },
          }),
        ),
      ),
    ).toString("base64");
    expect(decodeRelease(Buffer.from(stored).toString("base64"))).toEqual({
      info: { status: "deployed" },
      chart: { metadata: { name: "web-app", version: "2.0.0" } },
    });
  });

  it("gives an Ingress's URLs, https where its TLS covers the host", () => {
    expect(
      ingressUrls({
        spec: {
          tls: [{ hosts: ["vault.example.org"] }],
          rules: [
            { host: "vault.example.org", http: { paths: [{ path: "/", pathType: "Prefix", backend: {} }] } },
            {
              host: "admin.example.org",
              http: { paths: [{ path: "/admin", pathType: "Prefix", backend: {} }] },
            },
          ],
        },
      }),
    ).toEqual(["https://vault.example.org/", "http://admin.example.org/admin"]);
  });
});
