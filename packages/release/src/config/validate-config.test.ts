import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigErrors } from "../errors.ts";
import { loadConfig } from "./load-config.ts";

const SERVICES = ["jellyfin", "vaultwarden"];

/** Loads `text` as homelab.yaml; returns each problem as `line:col field: problem. Fix: fix`. */
function problems(text: string): string[] {
  const file = join(mkdtempSync(join(tmpdir(), "homelab-validate-")), "homelab.yaml");
  writeFileSync(file, text);
  try {
    loadConfig(file, SERVICES);
    return [];
  } catch (e) {
    if (!(e instanceof ConfigErrors)) throw e;
    return e.errors.map((x) => `${x.line ?? "-"}:${x.column ?? "-"} ${x.field}: ${x.problem}. Fix: ${x.fix}`);
  }
}

describe("homelab.yaml validation (TypeBox schema, errors with line, field and fix)", () => {
  it("names an unknown key at its line and lists the allowed ones", () => {
    expect(problems("services:\n  jellyfin:\n    namespce: media\n")).toEqual([
      '3:5 services.jellyfin.namespce: unknown key "namespce". Fix: use one of: enabled, namespace, values, secrets',
    ]);
    expect(problems("services:\n  jelyfin: {}\n")).toEqual(['2:3 services.jelyfin: unknown key "jelyfin". Fix: use one of: jellyfin, vaultwarden']);
  });

  it("says which type a wrongly typed value needs", () => {
    expect(problems("services:\n  jellyfin:\n    enabled: yes please\n")).toEqual([
      '3:14 services.jellyfin.enabled: is the string "yes please", expected boolean. Fix: write true or false',
    ]);
    expect(problems("k3s:\n  version: 1.35\nservices: {}\n")).toEqual([
      "2:12 k3s.version: is number 1.35, expected string. Fix: write a string (e.g. v1.35.4+k3s1)",
    ]);
    expect(problems("services:\n  jellyfin:\n    values: [a]\n")).toEqual([
      "3:13 services.jellyfin.values: is a list, expected object. Fix: write a mapping (key: value)",
    ]);
  });

  it("gives an example of a value that must match a pattern, never the field's description", () => {
    const [version] = problems("k3s:\n  version: v1.35.4\nservices: {}\n");
    expect(version).toMatch(/^2:12 k3s\.version: "v1\.35\.4" does not have the expected form \(.*\)\. Fix: write it like v1\.35\.4\+k3s1$/);
    const [namespace] = problems("services:\n  jellyfin:\n    namespace: Media_Files\n");
    expect(namespace).toMatch(/services\.jellyfin\.namespace: "Media_Files" does not have the expected form .*Fix: write it like media$/);
  });

  it("says what to add for a missing key, and lists the allowed values of an enum", () => {
    expect(problems("hosts:\n  - { name: nas, address: 10.0.0.1 }\nservices: {}\n")).toEqual([
      '2:5 hosts.0.role: is missing. Fix: add role: one of "server", "agent"',
    ]);
    expect(problems("hosts:\n  - { name: nas, role: master, address: 10.0.0.1 }\nservices: {}\n")).toEqual([
      '2:24 hosts.0.role: is the string "master", not one of "server", "agent". Fix: use one of "server", "agent"',
    ]);
    expect(problems("k3s: {}\n")[0]).toMatch(/^\d+:\d+ services: is missing\. Fix: add services/);
  });

  it("reports a number out of range with the range, and every problem at once", () => {
    expect(problems("services: {}\nrelease:\n  concurrency: 0\n  timeoutSeconds: 99999\n")).toEqual([
      "3:16 release.concurrency: 0 is below 1. Fix: use a whole number from 1 to 64",
      "4:19 release.timeoutSeconds: 99999 is above 7200. Fix: use a whole number from 10 to 7200",
    ]);
  });
});
