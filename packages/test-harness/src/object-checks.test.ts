import { join } from "node:path";
import { findRepoRoot } from "@homelab/toolbox";
import { describe, expect, it } from "vitest";
import { checkRenderedObjects } from "./object-checks.ts";
import type { K8sObject } from "./render.ts";
import { renderChart } from "./render.ts";

const chart = join(findRepoRoot(process.cwd()), "charts", "paperless-ngx");
const fresh = () => renderChart(chart, { release: "docs" });
type Loose = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test mutations of rendered objects
const find = (objects: K8sObject[], kind: string, component = "main") =>
  objects.find(
    (o) => o.kind === kind && o.metadata.labels?.["app.kubernetes.io/component"] === component,
  ) as unknown as Loose;

describe("checkRenderedObjects", () => {
  it("finds nothing wrong in a real chart", async () => {
    expect(checkRenderedObjects(await fresh())).toEqual([]);
  });

  it.each<[string, (objects: K8sObject[]) => void, RegExp]>([
    [
      "a missing standard label",
      (o) => delete o[0]!.metadata.labels!["helm.sh/chart"],
      /missing label helm\.sh\/chart/,
    ],
    [
      "a selector that does not select",
      (o) => (find(o, "Deployment").spec.selector.matchLabels["app.kubernetes.io/component"] = "other"),
      /selector does not match/,
    ],
    [
      "a service that selects nothing",
      (o) => (find(o, "Service", "redis").spec.selector["app.kubernetes.io/component"] = "cache"),
      /Service\/docs-paperless-ngx-redis.*|selects no workload/,
    ],
    [
      "an unwired target port",
      (o) => (find(o, "Service").spec.ports[0].targetPort = "web"),
      /targets web, which no container/,
    ],
    [
      "a mount without a volume",
      (o) =>
        find(o, "Deployment").spec.template.spec.containers[0].volumeMounts.push({
          name: "ghost",
          mountPath: "/ghost",
        }),
      /mounts ghost, which is not a volume/,
    ],
    [
      "a claim that is not rendered",
      (o) =>
        o.splice(
          o.findIndex((x) => x.kind === "PersistentVolumeClaim"),
          1,
        ),
      /uses claim .*, which is neither rendered nor an existing claim/,
    ],
    [
      "a container without requests",
      (o) => (find(o, "Deployment", "redis").spec.template.spec.containers[0].resources = {}),
      /has no resource requests/,
    ],
    [
      "privilege escalation",
      (o) =>
        (find(o, "Deployment").spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation =
          true),
      /allows privilege escalation/,
    ],
    [
      "an unpinned image",
      (o) => (find(o, "Deployment").spec.template.spec.containers[0].image = "redis:latest"),
      /is not pinned to a tag/,
    ],
    [
      "an ingress to a missing port",
      (o) => (find(o, "Ingress").spec.rules[0].http.paths[0].backend.service.port.name = "https"),
      /routes to port https/,
    ],
  ])("reports %s", async (_, mutate, message) => {
    const objects = await fresh();
    mutate(objects);
    const problems = checkRenderedObjects(objects).map((p) => `${p.object}: ${p.problem}`);
    expect(
      problems.some((p) => message.test(p)),
      problems.join("\n"),
    ).toBe(true);
  });
});
