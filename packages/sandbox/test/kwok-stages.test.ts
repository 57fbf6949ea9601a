import { readFileSync } from "node:fs";
import { join } from "node:path";
import { findRepoRoot } from "@homelab/toolbox";
import { loadAllYaml } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { CHART_LABEL } from "../src/helm-job-runner.ts";
import { checkKwokVersion, FAIL_ANNOTATION, pinnedKwokVersion, STAGES_FILE } from "../src/kwok.ts";

interface Stage {
  metadata: { name: string };
  spec: {
    resourceRef: { kind: string };
    selector: { matchExpressions: { key: string; operator: string; values?: string[] }[] };
  };
}

const stages = loadAllYaml(readFileSync(STAGES_FILE, "utf8")) as Stage[];
const podStage = (name: string) =>
  stages.find((s) => s.metadata.name === name && s.spec.resourceRef.kind === "Pod")!;
const expression = (stage: Stage, key: string) =>
  stage.spec.selector.matchExpressions.find((e) => e.key === key);

describe("the kwok stage file", () => {
  it("is pinned to the kwok version tooling/tools/versions.env installs, and that kwok is installed", async () => {
    const env = readFileSync(join(findRepoRoot(process.cwd()), "tooling", "tools", "versions.env"), "utf8");
    expect(pinnedKwokVersion()).toBe(/^KWOK_VERSION=(\S+)$/m.exec(env)?.[1]);
    await checkKwokVersion();
  });

  it("never starts or completes helm-controller's install pods (the node stand-in runs them)", () => {
    for (const name of ["pod-ready", "pod-complete"]) {
      expect(expression(podStage(name), `.metadata.labels["${CHART_LABEL}"]`), name).toMatchObject({
        operator: "DoesNotExist",
      });
    }
  });

  it("has one stage per failure the annotation names, and the normal start excludes annotated pods", () => {
    const key = `.metadata.annotations["${FAIL_ANNOTATION}"]`;
    expect(expression(podStage("pod-ready"), key)).toMatchObject({ operator: "DoesNotExist" });
    const failures = stages.flatMap((s) => {
      const e = expression(s, key);
      return e?.operator === "In" ? (e.values ?? []) : [];
    });
    expect(failures.sort()).toEqual(["CrashLoopBackOff", "Error", "ImagePullBackOff"]);
  });
});
