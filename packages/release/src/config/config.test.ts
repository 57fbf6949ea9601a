import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findRepoRoot } from "@homelab/toolbox";
import { describe, expect, it } from "vitest";
import { loadAllServices } from "@homelab/chart-kit";
import { renderHomelabSchema } from "./write-schema.ts";
import { ConfigErrors } from "../errors.ts";
import { loadConfig } from "./load-config.ts";
import { parseDotEnv } from "./dotenv.ts";
import { resolveSecrets } from "./secrets.ts";

const root = findRepoRoot(process.cwd());

describe("homelab config", () => {
  it("homelab.schema.json is what the build writes", async () => {
    expect(readFileSync(join(root, "homelab.schema.json"), "utf8")).toBe(await renderHomelabSchema(root));
  });

  it("accepts the shipped homelab.yaml and homelab.example.yaml", async () => {
    const services = [...(await loadAllServices(root)).keys()];
    const shipped = Object.keys(loadConfig(join(root, "homelab.yaml"), services).services);
    expect(shipped).toEqual(
      expect.arrayContaining(["jellyfin", "vaultwarden", "home-assistant", "zigbee2mqtt"]),
    );
    expect(loadConfig(join(root, "homelab.example.yaml"), services).hosts).toHaveLength(2);
  });

  it("reads .env files", () => {
    expect(parseDotEnv("# c\nA=1\nexport B='two'\nC=\"3 3\"\n\nbad line\n")).toEqual({
      A: "1",
      B: "two",
      C: "3 3",
    });
  });

  it("prefers the environment over .env, and names the variable when both lack it", () => {
    const config = {
      services: { vaultwarden: { secrets: { admin: { ADMIN_TOKEN: { env: "VW_TOKEN" } } } } },
    };
    expect(resolveSecrets(config, "homelab.yaml", "/nonexistent/.env", { VW_TOKEN: "x" })).toEqual({
      vaultwarden: { admin: { ADMIN_TOKEN: "x" } },
    });
    expect(() => resolveSecrets(config, "homelab.yaml", "/nonexistent/.env", {})).toThrow(
      "homelab.yaml: services.vaultwarden.secrets.admin.ADMIN_TOKEN: environment variable VW_TOKEN is not set. Fix: export VW_TOKEN=... or add it to /nonexistent/.env (never commit it)",
    );
  });

  it("resolves airgap files relative to the config file, and names the line and fix of one that is missing", () => {
    const dir = mkdtempSync(join(tmpdir(), "homelab-config-"));
    writeFileSync(join(dir, "k3s"), "binary");
    writeFileSync(join(dir, "install.sh"), "#!/bin/sh\n");
    const yaml = [
      "k3s:",
      "  version: v1.35.4+k3s1",
      "  airgap:",
      "    binary: k3s",
      "    images: images/k3s-airgap-images-amd64.tar.zst",
      "    installScript: install.sh",
      "hosts:",
      "  - { name: nas, role: server, address: 10.0.0.1 }",
      "services: {}",
      "",
    ].join("\n");
    writeFileSync(join(dir, "homelab.yaml"), yaml);
    let error: unknown;
    try {
      loadConfig(join(dir, "homelab.yaml"), []);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigErrors);
    const errors = (error as ConfigErrors).errors;
    expect(errors.map((e) => [e.field, e.line, e.problem])).toEqual([
      ["k3s.airgap.images", 5, `${join(dir, "images/k3s-airgap-images-amd64.tar.zst")} is not a file`],
    ]);
    expect(errors[0]!.fix).toContain("k3s-airgap-images-<arch>.tar.zst of the pinned version");

    writeFileSync(
      join(dir, "homelab.yaml"),
      yaml.replace("  version: v1.35.4+k3s1\n", "  channel: stable\n"),
    );
    expect(() => loadConfig(join(dir, "homelab.yaml"), [])).toThrow(
      `homelab.yaml:4:5: k3s.airgap: an airgap install needs k3s.version pinned (a channel cannot be resolved offline). Fix: set k3s.version to the release of the airgap files`,
    );

    writeFileSync(join(dir, "images.tar.zst"), "images");
    writeFileSync(
      join(dir, "homelab.yaml"),
      yaml.replace("images/k3s-airgap-images-amd64.tar.zst", "images.tar.zst"),
    );
    expect(loadConfig(join(dir, "homelab.yaml"), []).k3s?.airgap).toEqual({
      binary: join(dir, "k3s"),
      images: join(dir, "images.tar.zst"),
      installScript: join(dir, "install.sh"),
    });

    // A pinned install script: the local file must match it.
    const actual = createHash("sha256").update("#!/bin/sh\n").digest("hex");
    const pinned = (sha: string) =>
      yaml
        .replace("images/k3s-airgap-images-amd64.tar.zst", "images.tar.zst")
        .replace("  airgap:\n", `  installScriptSha256: ${sha}\n  airgap:\n`);
    writeFileSync(join(dir, "homelab.yaml"), pinned("f".repeat(64)));
    expect(() => loadConfig(join(dir, "homelab.yaml"), [])).toThrow(
      `homelab.yaml:3:24: k3s.installScriptSha256: k3s.airgap.installScript (${join(dir, "install.sh")}) has sha256 ${actual}, not ${"f".repeat(64)}. Fix: review that file; if it is the one you want, set k3s.installScriptSha256 to ${actual}`,
    );
    writeFileSync(join(dir, "homelab.yaml"), pinned(actual));
    expect(loadConfig(join(dir, "homelab.yaml"), []).k3s?.installScriptSha256).toBe(actual);
  });

  it("refuses airgap files outside the config's directory before reading them: no sha256 of /etc/shadow", () => {
    const dir = mkdtempSync(join(tmpdir(), "homelab-config-"));
    const outside = join(mkdtempSync(join(tmpdir(), "outside-")), "shadow");
    writeFileSync(outside, "root:$6$secret:19000:0:99999:7:::\n");
    const digest = createHash("sha256").update(readFileSync(outside)).digest("hex");
    symlinkSync(outside, join(dir, "install.sh"));
    for (const f of ["k3s", "images.tar.zst"]) writeFileSync(join(dir, f), f);
    const yaml = (installScript: string, binary = "k3s") =>
      [
        "k3s:",
        "  version: v1.35.4+k3s1",
        `  installScriptSha256: ${"f".repeat(64)}`,
        "  airgap:",
        `    binary: ${binary}`,
        "    images: images.tar.zst",
        `    installScript: ${installScript}`,
        "services: {}",
        "",
      ].join("\n");
    const refused = (text: string) => {
      writeFileSync(join(dir, "homelab.yaml"), text);
      try {
        loadConfig(join(dir, "homelab.yaml"), []);
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigErrors);
        return (e as ConfigErrors).errors.map((x) => `${x.field}: ${x.problem}`);
      }
      throw new Error("not refused");
    };
    for (const path of [outside, "/etc/shadow", "install.sh", "../../../../etc/shadow"]) {
      const problems = refused(yaml(path));
      expect(problems, path).toEqual([
        expect.stringMatching(
          new RegExp(`^k3s\\.airgap\\.installScript: .* is outside ${dir} \\(the config's directory\\)$`),
        ),
      ]);
      expect(problems.join("\n")).not.toContain(digest);
    }
    expect(refused(yaml("install.sh"))[0]).toContain(`(a link to ${outside})`);
    expect(refused(yaml("install.sh", "/usr/bin/env"))).toEqual([
      expect.stringMatching(/^k3s\.airgap\.binary: \/usr\/bin\/env is outside/),
      expect.stringMatching(/^k3s\.airgap\.installScript: /),
    ]);
  });
});
