import { describe, expect, it } from "vitest";
import type { ServiceDefinition } from "./definition.ts";
import { DefinitionErrors } from "./errors.ts";
import { sampleDefinition } from "./fixture.test-helpers.ts";
import { definitionProblems, validateDefinition } from "./validate.ts";

function problemsAfter(change: (d: ServiceDefinition) => void): string[] {
  const def = sampleDefinition();
  change(def);
  return definitionProblems(def).map((e) => e.message);
}

describe("validateDefinition", () => {
  it("accepts the sample", () => {
    expect(() => validateDefinition(sampleDefinition())).not.toThrow();
  });

  it.each<[string, (d: ServiceDefinition) => void, RegExp]>([
    ["an invalid chart name", (d) => (d.name = "My_Service"), /service "My_Service": name: "My_Service" is not a valid chart name\. Fix: use lowercase/],
    ["a missing image tag", (d) => (d.controllers.main!.image.tag = ""), /controllers\.main\.image\.tag: is missing\. Fix: pin the image/],
    ["the latest tag", (d) => (d.controllers.main!.image.tag = "latest"), /controllers\.main\.image\.tag: "latest" is not a pinned tag/],
    ["a bad digest", (d) => (d.controllers.main!.image.digest = "sha256:abc"), /image\.digest: "sha256:abc" is not a sha256 digest/],
    ["a port out of range", (d) => (d.services!.main!.ports.http!.port = 70000), /services\.main\.ports\.http\.port: 70000 is out of range\. Fix: use a port number from 1 to 65535/],
    [
      "duplicate port names",
      (d) => (d.services!.extra = { ports: { http: { port: 9090 } } }),
      /services\.extra\.ports\.http: duplicate port name "http" \(also in services\.main\.ports\.http\) on controller "main"/,
    ],
    ["a too long port name", (d) => (d.services!.main!.ports = { "much-too-long-port": { port: 80 } }), /"much-too-long-port" is not a valid port name/],
    ["a volume of an undeclared controller", (d) => (d.persistence!.data!.controller = "worker"), /persistence\.data\.controller: mounts into controller "worker", which is not declared/],
    ["a mounted ConfigMap that is not declared", (d) => (d.configMaps = {}), /persistence\.conf\.configMap: mounts ConfigMap "files", which is not declared\. Fix: declare it under `configMaps\.files`/],
    ["a relative mount path", (d) => (d.persistence!.data!.mountPath = "data"), /persistence\.data\.mountPath: "data" is not an absolute path/],
    ["two volumes on one path", (d) => (d.persistence!.conf!.mountPath = "/data"), /persistence\.conf\.mountPath: "\/data" is already mounted by persistence\.data/],
    ["a bad size", (d) => ((d.persistence!.data as { size: string }).size = "lots"), /persistence\.data\.size: "lots" is not a Kubernetes quantity/],
    ["a probe on an unknown port", (d) => (d.controllers.main!.probes = { liveness: { type: "tcp", port: "web" } }), /probes\.liveness\.port: names port "web", which no service of this controller declares\. Fix: use one of: http/],
    ["an ingress to an unknown port", (d) => (d.ingress!.main!.port = "https"), /ingress\.main\.port: service "main" has no port named "https"/],
    ["an exception without a reason", (d) => (d.controllers.main!.hostNetwork = { reason: " " }), /controllers\.main\.hostNetwork\.reason: is empty/],
    ["a CAP_ prefixed capability", (d) => (d.controllers.main!.capabilities = { add: ["CAP_NET_ADMIN"], reason: "x" }), /"CAP_NET_ADMIN" is not a capability name/],
    ["a missing main controller", (d) => (d.controllers = { web: d.controllers.main! }), /controllers\.main: is missing/],
    ["a secret env of an undeclared secret", (d) => (d.controllers.main!.secretEnv = { TOKEN: { secret: "app", key: "TOKEN" } }), /secretEnv\.TOKEN: reads secret "app", which is not declared/],
  ])("rejects %s with the field and the fix", (_, change, message) => {
    const problems = problemsAfter(change);
    expect(problems.some((p) => message.test(p)), problems.join("\n")).toBe(true);
  });

  it("reports every problem at once", () => {
    const def = sampleDefinition();
    def.controllers.main!.image.tag = "latest";
    def.services!.main!.ports.http!.port = 0;
    try {
      validateDefinition(def);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DefinitionErrors);
      expect((e as DefinitionErrors).errors).toHaveLength(2);
    }
  });
});
