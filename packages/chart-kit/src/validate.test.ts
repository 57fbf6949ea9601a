import { describe, expect, it } from "vitest";
import { sampleDefinition } from "./chart/fixture.test-helpers.ts";
import type { ServiceDefinition } from "./definition.ts";
import { DefinitionErrors } from "./errors.ts";
import { definitionProblems, validateDefinition } from "./validate.ts";

type Values = Record<string, Record<string, Record<string, unknown>>>;
const v = (d: ServiceDefinition) => d.values as unknown as Values;
const main = (d: ServiceDefinition) =>
  v(d).controllers!.main as Record<string, Record<string, Record<string, unknown>>>;

describe("definition validation", () => {
  it("accepts the sample", () => {
    expect(definitionProblems(sampleDefinition())).toEqual([]);
  });

  const cases: [string, (d: ServiceDefinition) => void, RegExp][] = [
    ["a bad name", (d) => (d.name = "Sample_App"), /^name: .*DNS-1123/],
    [
      "a misspelled key",
      (d) => (main(d).containers!.main!.imag = {}),
      /^values\.controllers\.main\.containers\.main\.imag: is not a key/,
    ],
    [
      "a wrong type",
      (d) => (main(d).replicas = "two" as never),
      /^values\.controllers\.main\.replicas: .*integer/,
    ],
    [
      "an unpinned tag",
      (d) => ((main(d).containers!.main!.image as { tag: string }).tag = "latest"),
      /image\.tag: "latest" is not a pinned tag/,
    ],
    [
      "no main container",
      (d) => (main(d).containers = { web: main(d).containers!.main! }),
      /^values\.controllers\.main\.containers\.main: is missing/,
    ],
    [
      "a cronjob without a schedule",
      (d) => (main(d).type = "cronjob" as never),
      /cronjob\.schedule: is missing/,
    ],
    [
      "nfs without a server",
      (d) => (v(d).persistence!.music = { type: "nfs", path: "/export", globalMounts: [{ path: "/m" }] }),
      /persistence\.music\.server: is missing/,
    ],
    [
      "a mount in an unknown controller",
      (d) => (v(d).persistence!.data!.advancedMounts = { web: { main: [{ path: "/x" }] } }),
      /advancedMounts\.web: "web" is not a controller/,
    ],
    [
      "a mount in an unknown container",
      (d) => (v(d).persistence!.data!.advancedMounts = { main: { sidecar: [{ path: "/x" }] } }),
      /advancedMounts\.main\.sidecar: "sidecar" is not a container of main/,
    ],
    [
      "an ingress to a missing service",
      (d) =>
        ((v(d).ingress!.main!.hosts as { paths: { service: { identifier: string } }[] }[])[0]!
          .paths[0]!.service.identifier = "web"),
      /ingress\.main\.hosts\[0\]\.paths\[0\]\.service: service "web" does not exist/,
    ],
    [
      "an ingress to a missing port",
      (d) =>
        ((v(d).ingress!.main!.hosts as { paths: { service: { port: string } }[] }[])[0]!
          .paths[0]!.service.port = "https"),
      /service "main" has no port https/,
    ],
    [
      "a secret env of an undeclared secret",
      (d) =>
        (main(d).containers!.main!.env = {
          TOKEN: { valueFrom: { secretKeyRef: { identifier: "app", key: "TOKEN" } } },
        }),
      /env\.TOKEN\.valueFrom\.secretKeyRef\.identifier: "app" is not one of the chart's secrets/,
    ],
    [
      "two containers claiming one port name",
      (d) => {
        main(d).containers!.main!.ports = [{ name: "metrics", containerPort: 9000 }];
        main(d).containers!.exporter = {
          image: { repository: "x/y", tag: "1.0.0" },
          ports: [{ name: "metrics", containerPort: 9100 }],
        };
      },
      /exporter\.ports\[0\]\.name: port name "metrics" is also claimed by containers\.main|main\.ports\[0\]\.name: port name "metrics" is also claimed by containers\.exporter/,
    ],
    [
      "a sidecar restartPolicy on a regular container",
      (d) => (main(d).containers!.main!.restartPolicy = "Always"),
      /restartPolicy: is set on a regular container\. Fix: move the container to initContainers/,
    ],
    [
      "a hostPath without its exception",
      (d) =>
        (v(d).persistence!.dri = {
          type: "hostPath",
          hostPath: "/dev/dri",
          globalMounts: [{ path: "/dev/dri" }],
        }),
      /persistence\.dri: departs from the secure defaults \(hostPath\) without a declared exception/,
    ],
    [
      "host network without its exception",
      (d) => (main(d).pod = { hostNetwork: true } as never),
      /controllers\.main\.pod\.hostNetwork: departs .*kind: "hostNetwork", controller: "main"/,
    ],
    [
      "an exception nothing uses",
      (d) => (d.exceptions = [{ kind: "runAsRoot", controller: "main", reason: "because" }]),
      /exceptions\[0\]: runAsRoot at main is declared but the values do not use it/,
    ],
  ];
  for (const [what, change, expected] of cases) {
    it(`refuses ${what}, naming the key and the fix`, () => {
      const def = sampleDefinition();
      change(def);
      const problems = definitionProblems(def).map(([f, p, x]) => `${f}: ${p}. Fix: ${x}`);
      expect(
        problems.some((p) => expected.test(p)),
        problems.join("\n"),
      ).toBe(true);
    });
  }

  it("throws every problem at once, with the service's name", () => {
    const def = sampleDefinition();
    def.name = "Bad";
    main(def).type = "cronjob" as never;
    const error = (() => {
      try {
        validateDefinition(def);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(DefinitionErrors);
    expect((error as DefinitionErrors).errors.length).toBe(2);
    expect((error as Error).message).toMatch(/^service "Bad": name: /);
  });
});
