import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { buildChart } from "./build-chart.ts";
import { sampleDefinition } from "./fixture.test-helpers.ts";
import { valuesRows } from "./readme.ts";
import { walk } from "./values-node.ts";
import { buildValues } from "./values.ts";

describe("buildChart", () => {
  const files = buildChart({ definition: sampleDefinition(), version: "1.2.3" });

  it("writes a complete chart", () => {
    expect([...files.keys()]).toEqual(
      expect.arrayContaining([
        ".helmignore",
        "Chart.yaml",
        "README.md",
        "values.yaml",
        "values.schema.json",
        "templates/_helpers.tpl",
        "templates/deployment.yaml",
        "templates/statefulset.yaml",
        "templates/service.yaml",
        "templates/ingress.yaml",
        "templates/persistentvolumeclaim.yaml",
        "templates/configmap.yaml",
        "templates/serviceaccount.yaml",
        "templates/NOTES.txt",
        "ci/default-values.yaml",
      ]),
    );
  });

  it("is byte-for-byte deterministic", () => {
    const again = buildChart({ definition: sampleDefinition(), version: "1.2.3" });
    expect([...again]).toEqual([...files]);
  });

  it("puts the package version and the image tag into Chart.yaml", () => {
    const chart = YAML.parse(files.get("Chart.yaml")!);
    expect(chart).toMatchObject({ apiVersion: "v2", name: "sample", version: "1.2.3", appVersion: "1.27.3", kubeVersion: ">=1.28.0-0" });
    expect(YAML.parse(chart.annotations["artifacthub.io/images"])).toEqual([{ name: "sample", image: "docker.io/library/nginx:1.27.3" }]);
  });

  it("quotes versions that would read as numbers", () => {
    const def = sampleDefinition();
    def.controllers.main!.image.tag = "1.10";
    const chart = buildChart({ definition: def, version: "1.0.0" }).get("Chart.yaml")!;
    expect(chart).toContain('appVersion: "1.10"');
    expect(YAML.parse(chart).appVersion).toBe("1.10");
  });

  it("documents every key of values.yaml with a comment", () => {
    const doc = YAML.parseDocument(files.get("values.yaml")!);
    let keys = 0;
    for (const [path] of walk(buildValues(sampleDefinition()))) {
      const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
      expect(YAML.isMap(parent), path.join(".")).toBe(true);
      const items = (parent as YAML.YAMLMap).items;
      const index = items.findIndex((p) => YAML.isScalar(p.key) && p.key.value === path.at(-1));
      // The parser hands the comment of a map's first key to the map itself.
      const comment = (items[index]?.key as YAML.Scalar | undefined)?.commentBefore ?? (index === 0 ? (parent as YAML.YAMLMap).commentBefore : undefined);
      expect(comment ?? "", path.join(".")).toMatch(/(^|\n) -- \S/);
      keys++;
    }
    expect(keys).toBeGreaterThan(50);
  });

  it("writes values.yaml, its schema and the README table from one tree", () => {
    const values = YAML.parse(files.get("values.yaml")!);
    const schema = JSON.parse(files.get("values.schema.json")!);
    const readme = files.get("README.md")!;
    for (const row of valuesRows(buildValues(sampleDefinition()))) {
      const path = row.key.split(".");
      expect(path.reduce((o: Record<string, unknown>, k) => o[k] as Record<string, unknown>, values), row.key).toEqual(JSON.parse(row.default));
      const node = path.reduce((s: { properties: Record<string, unknown> }, k) => s.properties[k] as { properties: Record<string, unknown> }, schema);
      expect(node, row.key).toBeDefined();
      expect(readme).toContain(`| \`${row.key}\` |`);
    }
  });

  it("applies the secure defaults", () => {
    const values = YAML.parse(files.get("values.yaml")!);
    expect(values.controllers.main.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      capabilities: { drop: ["ALL"] },
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      seccompProfile: { type: "RuntimeDefault" },
    });
    expect(values.controllers.main.podSecurityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
    expect(values.controllers.main.resources.requests).toEqual({ cpu: "50m", memory: "64Mi" });
    expect(values.controllers.main.hostNetwork).toBe(false);
    expect(values.persistence.data).toMatchObject({ storageClass: "local-path", retain: true });
    expect(values.ingress.main).toMatchObject({ className: "traefik", host: "sample.home.arpa" });
  });

  it("applies declared exceptions and lists them in the README", () => {
    const def = sampleDefinition();
    def.controllers.main!.hostNetwork = { reason: "mDNS discovery" };
    def.controllers.main!.runAsRoot = { reason: "s6 init" };
    const built = buildChart({ definition: def, version: "1.0.0" });
    const values = YAML.parse(built.get("values.yaml")!);
    expect(values.controllers.main.hostNetwork).toBe(true);
    expect(values.controllers.main.podSecurityContext.runAsNonRoot).toBe(false);
    expect(built.get("README.md")).toContain("`main` uses the host network: mDNS discovery");
    expect(built.get("README.md")).toContain("`main` runs as root: s6 init");
  });

  it("refuses an invalid definition before writing anything", () => {
    const def = sampleDefinition();
    def.controllers.main!.image.tag = "";
    expect(() => buildChart({ definition: def, version: "1.0.0" })).toThrow(/service "sample": controllers\.main\.image\.tag: is missing/);
  });
});

describe("podSecurityLevel", () => {
  it("is restricted by default, baseline for root, privileged for the host network", async () => {
    const { podSecurityLevel } = await import("./pod-security.ts");
    const def = sampleDefinition();
    expect(podSecurityLevel(def)).toBe("restricted");
    def.controllers.main!.capabilities = { add: ["NET_BIND_SERVICE"], reason: "port 53" };
    expect(podSecurityLevel(def)).toBe("restricted");
    def.controllers.main!.runAsRoot = { reason: "s6" };
    expect(podSecurityLevel(def)).toBe("baseline");
    def.controllers.main!.capabilities = { add: ["NET_ADMIN"], reason: "vpn" };
    expect(podSecurityLevel(def)).toBe("privileged");
    def.controllers.main!.capabilities = undefined;
    def.controllers.main!.hostNetwork = { reason: "mDNS" };
    expect(podSecurityLevel(def)).toBe("privileged");
  });
});
