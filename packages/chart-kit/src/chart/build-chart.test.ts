import { describe, expect, it } from "vitest";
import YAML from "yaml";
import type { ServiceDefinition } from "../definition.ts";
import { findDepartures, podSecurityLevelOf } from "../exceptions.ts";
import { buildChart } from "./build-chart.ts";
import { sampleDefinition } from "./fixture.test-helpers.ts";
import { libraryChart } from "./library.ts";

type Loose = Record<string, Record<string, Record<string, Record<string, Record<string, unknown>>>>>;
const mainContainer = (d: ServiceDefinition) =>
  (d.values as unknown as Loose).controllers!.main!.containers!.main! as Record<string, unknown>;

describe("buildChart", () => {
  const files = buildChart({ definition: sampleDefinition(), version: "1.2.3" });

  it("writes a complete chart with the library vendored", () => {
    const library = libraryChart();
    expect([...files.keys()]).toEqual(
      expect.arrayContaining([
        ".helmignore",
        "Chart.yaml",
        "README.md",
        "values.yaml",
        "values.schema.json",
        "templates/common.yaml",
        "templates/NOTES.txt",
        "ci/default-values.yaml",
        `charts/${library.name}/Chart.yaml`,
        `charts/${library.name}/templates/_loader.tpl`,
      ]),
    );
    expect(YAML.parse(files.get("Chart.yaml")!).dependencies).toEqual([
      { name: library.name, version: library.version, repository: "file://../../packages/chart-kit/library" },
    ]);
  });

  it("is byte-for-byte deterministic", () => {
    const again = buildChart({ definition: sampleDefinition(), version: "1.2.3" });
    expect([...again]).toEqual([...files]);
  });

  it("puts the package version and the image tag into Chart.yaml", () => {
    const chart = YAML.parse(files.get("Chart.yaml")!);
    expect(chart).toMatchObject({ apiVersion: "v2", name: "sample", version: "1.2.3", appVersion: "1.27.3" });
    expect(YAML.parse(chart.annotations["artifacthub.io/images"])).toEqual([
      { name: "sample", image: "docker.io/library/nginx:1.27.3" },
    ]);
    expect(chart.annotations["homelab.dev/pod-security"]).toBe("restricted");
  });

  it("quotes versions that would read as numbers", () => {
    const def = sampleDefinition();
    (mainContainer(def).image as { tag: string }).tag = "1.10";
    const chart = buildChart({ definition: def, version: "1.0.0" }).get("Chart.yaml")!;
    expect(chart).toContain('appVersion: "1.10"');
  });

  it("documents the keys of values.yaml from the values model", () => {
    const text = files.get("values.yaml")!;
    expect(text).toMatch(/# -- Workloads by id[^\n]*\ncontrollers:/);
    expect(text).toMatch(/# -- [^\n]+\n\s+image:/);
    const values = YAML.parse(text);
    expect(values.controllers.main.containers.main.image).toEqual({
      repository: "docker.io/library/nginx",
      tag: "1.27.3",
    });
  });

  it("turns on the main NetworkPolicy and keeps a chart's own", () => {
    expect(YAML.parse(files.get("values.yaml")!).networkpolicies).toEqual({ main: { enabled: true } });
    const def = sampleDefinition();
    def.values.networkpolicies = { main: { enabled: false } };
    const values = YAML.parse(buildChart({ definition: def, version: "1.0.0" }).get("values.yaml")!);
    expect(values.networkpolicies.main.enabled).toBe(false);
  });

  it("writes values, schema and README table from one model", () => {
    const schema = JSON.parse(files.get("values.schema.json")!);
    expect(schema.properties.controllers.description).toMatch(/Default: /);
    expect(schema.additionalProperties).toBe(false);
    const readme = files.get("README.md")!;
    expect(readme).toContain('| `controllers.main.containers.main.image.tag` | string | `"1.27.3"` |');
    expect(readme).toContain('| `persistence.data.size` | string | `"1Gi"` |');
  });

  it("lists declared exceptions in the README and beside the values they explain", () => {
    const def = sampleDefinition();
    def.values.controllers!.main!.pod = { hostNetwork: true };
    def.exceptions = [{ kind: "hostNetwork", controller: "main", reason: "mDNS discovery" }];
    const built = buildChart({ definition: def, version: "1.0.0" });
    expect(built.get("README.md")).toContain("- `main` host network: mDNS discovery");
    expect(built.get("README.md")).toContain("Pod Security `privileged`");
    expect(built.get("values.yaml")).toMatch(
      /# Exception: host network: mDNS discovery\n\s+hostNetwork: true/,
    );
  });

  it("refuses an invalid definition before writing anything", () => {
    const def = sampleDefinition();
    (mainContainer(def).image as { tag: string }).tag = "";
    expect(() => buildChart({ definition: def, version: "1.0.0" })).toThrow(
      /service "sample": values\.controllers\.main\.containers\.main\.image\.tag: .*/,
    );
  });
});

describe("podSecurityLevelOf", () => {
  const level = (values: Record<string, unknown>) => podSecurityLevelOf(findDepartures(values));
  const withContainer = (securityContext: Record<string, unknown>) => ({
    controllers: { main: { containers: { main: { securityContext } } } },
  });

  it("is restricted by default and for NET_BIND_SERVICE or a writable root filesystem", () => {
    expect(level({})).toBe("restricted");
    expect(level(withContainer({ capabilities: { add: ["NET_BIND_SERVICE"] } }))).toBe("restricted");
    expect(level(withContainer({ readOnlyRootFilesystem: false }))).toBe("restricted");
  });

  it("is baseline for root, baseline capabilities and nfs", () => {
    expect(level(withContainer({ runAsUser: 0 }))).toBe("baseline");
    expect(level(withContainer({ capabilities: { add: ["CHOWN"] } }))).toBe("baseline");
    expect(level({ persistence: { media: { type: "nfs", server: "nas", path: "/x" } } })).toBe("baseline");
  });

  it("is privileged for host namespaces, hostPath, privileged and other capabilities", () => {
    expect(level({ controllers: { main: { pod: { hostNetwork: true } } } })).toBe("privileged");
    expect(level({ persistence: { dri: { type: "hostPath", hostPath: "/dev/dri" } } })).toBe("privileged");
    expect(level(withContainer({ privileged: true }))).toBe("privileged");
    expect(level(withContainer({ capabilities: { add: ["NET_ADMIN"] } }))).toBe("privileged");
  });
});
