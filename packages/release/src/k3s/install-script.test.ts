import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { HomelabConfig, HostConfig } from "../config/schema.ts";
import { SHA_MISMATCH_EXIT, installScript } from "./install-script.ts";

const STAND_IN = `printf '{"exec":"%s","url":"%s","token":"%s","version":"%s"}' "$INSTALL_K3S_EXEC" "$K3S_URL" "$K3S_TOKEN" "$INSTALL_K3S_VERSION" > "$SEEN"\n\n`;

/** Runs an install script here with `sh -s`, its install.sh a stand-in that records its environment. */
function runHere(config: HomelabConfig, host: HostConfig, target: { url?: string; token?: string } = {}) {
  const base = mkdtempSync(join(tmpdir(), "install-script-"));
  const dir = mkdtempSync(join(base, "private-"));
  const seen = join(base, "seen.json");
  writeFileSync(join(dir, "install.sh"), STAND_IN);
  const script = installScript(config, host, { dir, version: "v1.35.4+k3s1", clusterInit: false, ...target });
  const r = spawnSync("sh", ["-s"], { input: script, env: { ...process.env, SEEN: seen } });
  return {
    exitCode: r.status,
    stderr: String(r.stderr),
    seen: existsSync(seen) ? (JSON.parse(readFileSync(seen, "utf8")) as Record<string, string>) : undefined,
    dirLeft: existsSync(dir),
    base,
    dir,
  };
}

const airgap = { binary: "/k3s", images: "/images", installScript: "/install.sh" };
const server: HostConfig = { name: "nas", role: "server", address: "10.0.0.1" };
const agent: HostConfig = { name: "mini", role: "agent", address: "10.0.0.2" };

describe("the install script run on a host", () => {
  it("keeps every value one literal word, even one the schema would refuse: no payload runs", () => {
    const marker = join(mkdtempSync(join(tmpdir(), "payload-")), "ran");
    const payload = `x' ; touch ${marker} ; echo '`;
    const config: HomelabConfig = {
      k3s: { version: "v1.35.4+k3s1", airgap, extraArgs: [`--node-label=${payload}`, `$(touch ${marker})`] },
      services: {},
    };
    const r = runHere(config, agent, { url: `https://${payload}:6443`, token: `K10'$(touch ${marker})` });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.seen).toEqual({
      exec: `agent --node-label=${payload} $(touch ${marker})`,
      url: `https://${payload}:6443`,
      token: `K10'$(touch ${marker})`,
      version: "v1.35.4+k3s1",
    });
    expect(existsSync(marker)).toBe(false);
    expect(r.dirLeft).toBe(false);
  });

  it("checks the script's sha256 and runs that same content, or nothing", () => {
    const config = (pin: string): HomelabConfig => ({
      k3s: { version: "v1.35.4+k3s1", airgap, installScriptSha256: pin },
      services: {},
    });
    const wrong = runHere(config("0".repeat(64)), server);
    expect(wrong.exitCode).toBe(SHA_MISMATCH_EXIT);
    expect(wrong.seen).toBeUndefined();
    expect(wrong.dirLeft).toBe(false);
    const actual = /homelab: install script sha256 ([0-9a-f]{64})/.exec(wrong.stderr)![1]!;
    expect(actual).toBe(createHash("sha256").update(STAND_IN).digest("hex"));
    const right = runHere(config(actual), server);
    expect(right.exitCode, right.stderr).toBe(0);
    expect(right.seen?.exec).toBe("server");
  });

  it("puts the node token in no command line: it is only in the script's text, for stdin", () => {
    const script = installScript({ k3s: { version: "v1.35.4+k3s1" }, services: {} }, agent, {
      dir: "/tmp/homelab-k3s.0123456789",
      version: "v1.35.4+k3s1",
      clusterInit: false,
      url: "https://10.0.0.1:6443",
      token: "K10secret::server:abc",
    });
    expect(script).toContain("export K3S_TOKEN='K10secret::server:abc'");
    expect(script).toContain(
      "curl -sfL 'https://raw.githubusercontent.com/k3s-io/k3s/v1.35.4+k3s1/install.sh'",
    );
    expect(script).not.toContain("master");
    // sha256sum is what the host runs; the same hash as node's.
    expect(execFileSync("sh", ["-c", "printf abc | sha256sum | cut -d' ' -f1"]).toString().trim()).toBe(
      createHash("sha256").update("abc").digest("hex"),
    );
  });
});
