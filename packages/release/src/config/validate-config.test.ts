import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigErrors } from "../errors.ts";
import { loadConfig, readConfig } from "./load-config.ts";

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
    const [unknown, ...others] = problems("services:\n  jellyfin:\n    namespce: media\n");
    expect(others).toEqual([]);
    expect(unknown).toMatch(
      /^3:5 services\.jellyfin\.namespce: unknown key "namespce"\. Fix: use one of: enabled, namespace, values, secrets, .*backOffLimit, timeout, failurePolicy$/,
    );
    expect(problems("services:\n  jelyfin: {}\n")).toContain(
      '2:3 services.jelyfin: unknown key "jelyfin". Fix: use one of: jellyfin, vaultwarden',
    );
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
    expect(version).toMatch(
      /^2:12 k3s\.version: "v1\.35\.4" does not have the expected form \(.*\)\. Fix: write it like v1\.35\.4\+k3s1$/,
    );
    const [namespace] = problems("services:\n  jellyfin:\n    namespace: Media_Files\n");
    expect(namespace).toMatch(
      /services\.jellyfin\.namespace: "Media_Files" does not have the expected form .*Fix: write it like media$/,
    );
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

describe("homelab.yaml that is not a hand-written config", () => {
  it("refuses a YAML alias bomb with a config error naming the file", () => {
    const lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 9; i++)
      lines.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(", ")}]`,
      );
    lines.push("services: {}");
    const [problem] = problems(lines.join("\n"));
    expect(problem).toMatch(
      /^-:- : expands YAML aliases more than 100 times \(an alias bomb would exhaust memory\).*Fix: write the repeated values out/,
    );
  });

  it("refuses an oversized file before parsing it", () => {
    const [problem] = problems(`services: {}\n# ${"x".repeat(1024 * 1024)}\n`);
    expect(problem).toMatch(
      /^-:- : is \d+ bytes, more than the 1048576 a homelab config may have\. Fix: check that --config names your homelab\.yaml/,
    );
  });

  it("refuses a system namespace as a service's target, naming the line and a namespace to use", () => {
    expect(problems("services:\n  jellyfin:\n    namespace: kube-system\n")).toEqual([
      "3:16 services.jellyfin.namespace: kube-system is a system namespace: the release labels a service's namespace for Pod Security, which would block k3s's own pods there. Fix: give jellyfin a namespace of its own, e.g. namespace: jellyfin (or remove namespace: to use that default)",
    ]);
  });
});

describe("names that become helm arguments, file names and Kubernetes names", () => {
  const upstream = (name: string) =>
    `services:\n  ${JSON.stringify(name)}: { chart: { repo: https://x.example, name: a, version: 1.0.0 } }\n`;

  it("refuses an upstream service name that is not a DNS-1123 label of at most 50 characters", () => {
    const rule =
      "rename it: a service's name is a DNS-1123 label of at most 50 characters (lower-case letters, digits and -, a letter or digit at each end), e.g. cert-manager";
    for (const name of [
      "--post-renderer=../../../../tmp/x/post.sh",
      "../../../tmp/y",
      "a/b",
      "Web",
      "web-",
      "-web",
    ])
      expect(problems(upstream(name)), name).toEqual([
        `2:3 services.${name}: the name ${JSON.stringify(name)} is not allowed here (^[a-z0-9]([-a-z0-9]*[a-z0-9])?$). Fix: ${rule}`,
      ]);
    const long = "a".repeat(300);
    expect(problems(upstream(long))).toEqual([
      `2:3 services.${long}: the name "${"a".repeat(80)}..." has 300 characters, more than 50. Fix: shorten the name to at most 50 characters, e.g. cert-manager`,
    ]);
    // helm-install-<name> is then exactly 63 characters: the longest name Kubernetes takes.
    expect(problems(upstream("a".repeat(50)))).toEqual([]);
    expect(problems(upstream("a".repeat(51)))[0]).toContain("has 51 characters, more than 50");
    expect(existsSync("/tmp/y.tgz") || existsSync("/tmp/y-values.yaml")).toBe(false);
  });

  it("refuses a needs: item that is no service name", () => {
    expect(problems("services:\n  jellyfin: { needs: ['--set=x'] }\n")[0]).toMatch(
      /^2:23 services\.jellyfin\.needs\.0: "--set=x" does not have the expected form/,
    );
  });

  it("refuses a secret key Kubernetes would refuse, and a secret id that is no DNS label, at check time", () => {
    expect(
      problems("services:\n  vaultwarden:\n    secrets:\n      admin:\n        'bad key!': { env: X }\n"),
    ).toEqual([
      '5:9 services.vaultwarden.secrets.admin.bad key!: the name "bad key!" is not allowed here (^[-._a-zA-Z0-9]+$). Fix: rename it: a Secret\'s data key has only letters, digits, -, _ and . (at most 253 characters), e.g. ADMIN_TOKEN',
    ]);
    expect(
      problems(
        `services:\n  vaultwarden:\n    secrets:\n      admin:\n        ${"K".repeat(254)}: { env: X }\n`,
      )[0],
    ).toContain("has 254 characters, more than 253");
    expect(
      problems("services:\n  vaultwarden:\n    secrets:\n      Admin/x: { K: { env: X } }\n")[0],
    ).toContain('secrets.Admin/x: the name "Admin/x" is not allowed here');
    expect(
      problems("services:\n  vaultwarden:\n    secrets:\n      admin: { a.b_c-D9: { env: X } }\n"),
    ).toEqual([]);
  });
});

describe("plain values that look like credentials", () => {
  it("warns with the line and points to secrets:, leaving references and templates alone", () => {
    const file = join(mkdtempSync(join(tmpdir(), "homelab-validate-")), "homelab.yaml");
    writeFileSync(
      file,
      [
        "services:",
        "  jellyfin:",
        "    values:",
        "      controllers:",
        "        main:",
        "          containers:",
        "            main:",
        "              env:",
        "                DB_PASSWORD: hunter2",
        "                API_KEY: { value: abc123 }",
        "                ADMIN_TOKEN_FILE: /run/secrets/token",
        "                SECRET_KEY: '{{ .Values.x }}'",
        "                LOG_LEVEL: debug",
        "      secrets: { app: { existingSecret: mine } }",
        "",
      ].join("\n"),
    );
    const { warnings } = readConfig(file, SERVICES);
    expect(warnings.map((w) => w.replace(/^[^:]*homelab\.yaml/, "homelab.yaml"))).toEqual([
      "homelab.yaml:9:17: services.jellyfin.values.controllers.main.containers.main.env.DB_PASSWORD: looks like a credential written in plain text. Fix: take it out of homelab.yaml and supply it with services.jellyfin.secrets (a chart secret read from the environment or .env, never committed)",
      "homelab.yaml:10:17: services.jellyfin.values.controllers.main.containers.main.env.API_KEY: looks like a credential written in plain text. Fix: take it out of homelab.yaml and supply it with services.jellyfin.secrets (a chart secret read from the environment or .env, never committed)",
    ]);
  });
});
