import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigErrors } from "../errors.ts";
import { connect, connectYaml } from "./kube.ts";

const dir = mkdtempSync(join(tmpdir(), "kubeconfig-"));
const TOKEN = "k10-very-secret-token";
const KEY = "LS0tLS1CRUdJTiBFQyBQUklWQVRFIEtFWS0tLS0tc2VjcmV0";
const broken = [
  "apiVersion: v1",
  "users:",
  "- name: admin",
  "  user:",
  `    token: ${TOKEN}`,
  `    client-key-data: ${KEY}`,
  "   bad: : indentation",
  "",
].join("\n");

const refusal = (f: () => unknown): ConfigErrors => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigErrors);
    return e as ConfigErrors;
  }
  throw new Error("not refused");
};

describe("a kubeconfig that is broken or not a file: a ConfigError naming it, never quoting it", () => {
  it("names the file and the line of a YAML error, without the token or client-key-data around it", () => {
    writeFileSync(join(dir, "broken.yaml"), broken);
    const e = refusal(() => connect(join(dir, "broken.yaml")));
    expect(e.exitCode).toBe(2);
    expect(e.message).toMatch(new RegExp(`^${join(dir, "broken.yaml")}:7:\\d+: is not valid YAML \\(`));
    for (const leaked of [TOKEN, KEY, "client-key-data", "bad: :"]) expect(e.message).not.toContain(leaked);
    // The same for the kubeconfig text a dry run fetches from the first server.
    const fetched = refusal(() => connectYaml(broken, "/etc/rancher/k3s/k3s.yaml of the first server"));
    expect(fetched.message).toMatch(
      /^\/etc\/rancher\/k3s\/k3s\.yaml of the first server:7:\d+: is not valid YAML/,
    );
    expect(fetched.message).not.toContain(TOKEN);
  });

  it("refuses a directory, /dev/null, garbage and a YAML that is no kubeconfig, naming the file", () => {
    mkdirSync(join(dir, "a-dir"));
    expect(refusal(() => connect(join(dir, "a-dir"))).message).toContain(
      `${join(dir, "a-dir")}: is a directory, not a file. Fix: give a kubeconfig`,
    );
    expect(refusal(() => connect("/dev/null")).message).toContain(
      "/dev/null: is a character device, not a file",
    );
    writeFileSync(join(dir, "garbage"), Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x00, 0xff]));
    expect(refusal(() => connect(join(dir, "garbage"))).message).toContain("is not UTF-8 text");
    writeFileSync(join(dir, "list.yaml"), "- a\n- b\n");
    expect(refusal(() => connect(join(dir, "list.yaml"))).message).toContain("is not a kubeconfig");
    writeFileSync(join(dir, "nameless.yaml"), `users:\n- user: { token: ${TOKEN} }\n`);
    const nameless = refusal(() => connect(join(dir, "nameless.yaml"))).message;
    expect(nameless).toContain("nameless.yaml: is not a kubeconfig: users[0].name is missing");
    expect(nameless).not.toContain(TOKEN);
  });
});
