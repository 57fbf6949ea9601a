/**
 * The hosts side of hostile input over real SSH (sshd test hosts; k3s itself is a stand-in):
 * the node token in no command line, the install script in a private directory removed after,
 * a channel never fetched from master, an ssh option in `user` inert, and `--plan` writing
 * nothing (a first install shown as a plan, no kubeconfig written), with the exit codes.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SshTestHost } from "@homelab/test-harness";
import { STANDIN_CHANNEL_RELEASE, startSshTestHost } from "@homelab/test-harness";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import type { HomelabConfig, HostConfig } from "../src/config/schema.ts";
import { ensureK3s } from "../src/k3s/ensure-k3s.ts";
import { connectHost } from "../src/k3s/remote.ts";
import { root } from "./helpers.ts";
import { fingerprint, releaseCli, throwawayRepo } from "./hostile-input.ts";

const entry = (h: SshTestHost, role: "server" | "agent"): HostConfig => ({
  name: h.name,
  role,
  address: h.address,
  sshKey: h.sshKey,
  knownHosts: h.knownHosts,
});

/** Puts an `ssh` first on PATH that appends its argv (one word a line) to the returned log, then runs the real one. */
function recordSsh(): { log: string; restore: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "recording-ssh-"));
  const log = join(dir, "argv.log");
  writeFileSync(join(dir, "ssh"), `#!/bin/sh\nprintf '%s\\n' ssh "$@" >> '${log}'\nexec /usr/bin/ssh "$@"\n`);
  chmodSync(join(dir, "ssh"), 0o755);
  const saved = process.env.PATH;
  process.env.PATH = `${dir}:${saved}`;
  return { log, restore: () => (process.env.PATH = saved) };
}

describe("installing over real SSH: secrets and the install script", () => {
  let server: SshTestHost;
  let agent: SshTestHost;
  let restore = () => undefined as unknown;
  beforeAll(async () => {
    server = await startSshTestHost("tok-server");
    agent = await startSshTestHost("tok-agent");
  }, 60_000);
  afterEach(() => restore());
  afterAll(async () => {
    await server?.stop();
    await agent?.stop();
  });

  it("passes the node token in no argv, runs the install script from a private directory it removes, resolves a channel to its tag", async () => {
    const ssh = recordSsh();
    restore = ssh.restore;
    const config: HomelabConfig = {
      k3s: { channel: "stable" },
      hosts: [entry(server, "server"), entry(agent, "agent")],
      services: {},
    };
    const dir = mkdtempSync(join(tmpdir(), "tok-"));
    const result = await ensureK3s(config, { root, kubeconfigPath: join(dir, "kubeconfig") });
    expect(result.changed).toEqual(["tok-server", "tok-agent"]);
    const token = readFileSync(
      join(server.dir, "var-lib-rancher", "k3s", "server", "node-token"),
      "utf8",
    ).trim();
    // Delivered...
    expect(agent.installs()).toEqual([
      expect.objectContaining({ K3S_TOKEN: token, INSTALL_K3S_VERSION: STANDIN_CHANNEL_RELEASE }),
    ]);
    // ...but in no command line: not ssh's, not the remote shell's, not sudo's.
    const argv = readFileSync(ssh.log, "utf8");
    expect(argv).toContain("sh -s");
    expect(argv).not.toContain(token);
    expect(argv).not.toContain("K3S_TOKEN");
    // The channel resolved on the host, the script fetched from that release's tag, never master.
    for (const h of [server, agent]) {
      const urls = readFileSync(join(h.dir, "curl.log"), "utf8").trim().split("\n");
      expect(urls).toEqual([
        ...(h === server ? ["https://update.k3s.io/v1-release/channels/stable"] : []),
        `https://raw.githubusercontent.com/k3s-io/k3s/${STANDIN_CHANNEL_RELEASE}/install.sh`,
      ]);
      // Fetched into a private directory (mode 0700, root's), removed after the install.
      const [out, mode, uid] = readFileSync(join(h.dir, "curl-out.log"), "utf8").trim().split(" ");
      expect(out).toMatch(/^\/tmp\/homelab-k3s\.[A-Za-z0-9]{10}\/install\.sh$/);
      expect([mode, uid]).toEqual(["700", "0"]);
      expect(existsSync(join(out!, ".."))).toBe(false);
    }
  }, 120_000);

  it("an ssh option as the user is a user name, never an option: the ProxyCommand does not run", async () => {
    const marker = join(mkdtempSync(join(tmpdir(), "payload-")), "ran");
    const remote = connectHost({
      ...entry(server, "server"),
      // Read as an option, ssh would run `touch <marker> #@<address>` before connecting.
      user: `-oProxyCommand=touch ${marker} #`,
    });
    await expect(remote.run("true")).rejects.toThrow();
    expect(existsSync(marker)).toBe(false);
  }, 60_000);
});

describe("--plan over real SSH writes nothing and shows a first install as a plan", () => {
  let host: SshTestHost;
  beforeAll(async () => {
    host = await startSshTestHost("plan");
  }, 60_000);
  afterAll(async () => host?.stop());
  const configText = () =>
    YAML.stringify({ k3s: { version: "v1.35.4+k3s1" }, hosts: [entry(host, "server")], services: {} });

  it("a host without k3s: the install is planned, exit 0, nothing written here or on the host", async () => {
    const plan = await ensureK3s(YAML.parse(configText()) as HomelabConfig, { root, dryRun: true });
    expect(plan).toEqual({ changed: [], planned: ["plan"] });

    const box = throwawayRepo(configText());
    const before = [...fingerprint(box.repo), ...fingerprint(box.home)];
    const r = await releaseCli(box, ["--plan"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toContain("plan: k3s not installed, will install v1.35.4+k3s1");
    expect([...fingerprint(box.repo), ...fingerprint(box.home)]).toEqual(before);
    expect(host.installs()).toEqual([]);
    expect(existsSync(join(host.dir, "usr-local-bin", "k3s"))).toBe(false);
  }, 120_000);

  it("a host with k3s: the plan reads its kubeconfig without writing .homelab/kubeconfig; its unreachable cluster exits 3", async () => {
    const dir = mkdtempSync(join(tmpdir(), "plan-"));
    await ensureK3s(YAML.parse(configText()) as HomelabConfig, {
      root,
      kubeconfigPath: join(dir, "kubeconfig"),
    });
    const box = throwawayRepo(configText());
    const before = [...fingerprint(box.repo), ...fingerprint(box.home)];
    // The stand-in k3s serves no API: the plan cannot read the cluster.
    const r = await releaseCli(box, ["--plan", "--json"]);
    expect(r.exitCode, r.stderr).toBe(3);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, error: { exitCode: 3 } });
    expect([...fingerprint(box.repo), ...fingerprint(box.home)]).toEqual(before);
    expect(existsSync(join(box.repo, ".homelab"))).toBe(false);
  }, 120_000);

  it("an unreachable host exits 3, with a JSON error naming the host", async () => {
    const box = throwawayRepo(
      YAML.stringify({
        hosts: [{ ...entry(host, "server"), name: "ghost", address: "127.0.0.1", port: 1 }],
        services: {},
      }),
    );
    const r = await releaseCli(box, ["--plan", "--json"]);
    expect(r.exitCode, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/ghost: cannot reach root@127\.0\.0\.1:1 .*Connection refused/);
    expect(r.stderr).not.toMatch(/unexpected error|\n\s+at /);
    expect(JSON.parse(r.stdout)).toMatchObject({
      ok: false,
      error: { exitCode: 3, message: expect.stringMatching(/^ghost: cannot reach/) },
    });
  }, 60_000);
});
