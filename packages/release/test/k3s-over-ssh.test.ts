import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { SshTestHost } from "@homelab/test-harness";
import { startSshTestHost } from "@homelab/test-harness";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { execa } from "execa";
import type { HomelabConfig, HostConfig } from "../src/config/schema.ts";
import { ensureK3s, K3sError } from "../src/k3s/ensure-k3s.ts";
import { sshOptions } from "../src/k3s/remote.ts";
import { shellQuote } from "../src/k3s/shell-quote.ts";
import { root, writeConfig } from "./helpers.ts";

describe("k3s installation over real SSH (sshd test hosts; k3s itself is a stand-in)", () => {
  let server: SshTestHost;
  let agent: SshTestHost;
  const hostsConfig = (): HomelabConfig => ({
    k3s: { version: "v1.35.4+k3s1", extraArgs: ["--disable=servicelb"] },
    hosts: [
      {
        name: "nas",
        role: "server",
        address: server.address,
        sshKey: server.sshKey,
        knownHosts: server.knownHosts,
      },
      {
        name: "mini",
        role: "agent",
        address: agent.address,
        sshKey: agent.sshKey,
        knownHosts: agent.knownHosts,
      },
    ],
    services: {},
  });

  beforeAll(async () => {
    server = await startSshTestHost("nas");
    agent = await startSshTestHost("mini");
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await agent?.stop();
  });

  it("installs the pinned version on the server, joins the agent with the node token, fetches the kubeconfig", async () => {
    const { dir } = writeConfig("services: {}\n");
    const kubeconfigPath = join(dir, "kubeconfig");
    const lines: string[] = [];
    const result = await ensureK3s(hostsConfig(), { root, kubeconfigPath, log: (l) => lines.push(l) });
    expect(result.changed).toEqual(["nas", "mini"]);
    expect(server.installs()).toEqual([
      expect.objectContaining({
        INSTALL_K3S_VERSION: "v1.35.4+k3s1",
        INSTALL_K3S_EXEC: "server --disable=servicelb",
        K3S_URL: "",
        K3S_TOKEN: "",
      }),
    ]);
    expect(agent.installs()).toEqual([
      expect.objectContaining({
        INSTALL_K3S_VERSION: "v1.35.4+k3s1",
        INSTALL_K3S_EXEC: "agent --disable=servicelb",
        K3S_URL: `https://${server.address}:6443`,
        K3S_TOKEN:
          "K10standin::server:" +
          readFileSync(join(server.dir, "var-lib-rancher", "k3s", "server", "node-token"), "utf8")
            .trim()
            .split("server:")[1],
      }),
    ]);
    expect(readFileSync(join(server.dir, "curl.log"), "utf8")).toContain(
      "https://raw.githubusercontent.com/k3s-io/k3s/v1.35.4+k3s1/install.sh",
    );
    expect(statSync(kubeconfigPath).mode & 0o777).toBe(0o600);
    const kubeconfig = YAML.parse(readFileSync(kubeconfigPath, "utf8"));
    expect(kubeconfig.clusters[0].cluster.server).toBe(`https://${server.address}:6443`);
    expect(lines).toContain("nas: k3s not installed, will install v1.35.4+k3s1");
  }, 60_000);

  it("changes nothing when run again", async () => {
    const { dir } = writeConfig("services: {}\n");
    const result = await ensureK3s(hostsConfig(), { root, kubeconfigPath: join(dir, "kubeconfig") });
    expect(result.changed).toEqual([]);
    expect(server.installs()).toHaveLength(1);
    expect(agent.installs()).toHaveLength(1);
  }, 60_000);

  it("upgrades a host whose version differs from the pin", async () => {
    const config = hostsConfig();
    config.k3s!.version = "v1.35.5+k3s1";
    const { dir } = writeConfig("services: {}\n");
    const result = await ensureK3s(config, { root, kubeconfigPath: join(dir, "kubeconfig") });
    expect(result.changed).toEqual(["nas", "mini"]);
    expect(server.installs().at(-1)).toMatchObject({ INSTALL_K3S_VERSION: "v1.35.5+k3s1" });
  }, 60_000);

  it("runs the fetched install script only when its sha256 is the pinned one", async () => {
    const actual = createHash("sha256")
      .update(readFileSync(join(server.dir, "install.sh")))
      .digest("hex");
    const config = hostsConfig();
    config.k3s = { ...config.k3s, version: "v1.35.6+k3s1", installScriptSha256: "0".repeat(64) };
    const { dir } = writeConfig("services: {}\n");
    const installs = server.installs().length;
    const error = await ensureK3s(config, { root, kubeconfigPath: join(dir, "kubeconfig") }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(K3sError);
    expect((error as Error).message).toBe(
      `nas: the install script fetched from https://raw.githubusercontent.com/k3s-io/k3s/v1.35.6+k3s1/install.sh has sha256 ${actual}, not k3s.installScriptSha256 ${"0".repeat(64)}; it was not run. ` +
        `Fix: review that script; if it is the one you want, set k3s.installScriptSha256 to ${actual}; hosts done so far (none) are left as they are`,
    );
    expect(server.installs()).toHaveLength(installs);
    config.k3s.installScriptSha256 = actual;
    expect((await ensureK3s(config, { root, kubeconfigPath: join(dir, "kubeconfig") })).changed).toEqual([
      "nas",
      "mini",
    ]);
    expect(server.installs().at(-1)).toMatchObject({ INSTALL_K3S_VERSION: "v1.35.6+k3s1" });
  }, 60_000);

  it("refuses a host whose key is not in known_hosts, naming the host and the fix", async () => {
    const config = hostsConfig();
    config.hosts![0]!.knownHosts = agent.knownHosts; // the wrong host's key
    const error = await ensureK3s(config, { root, kubeconfigPath: "/nonexistent/kubeconfig" }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(K3sError);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^nas: cannot reach root@${server.address.replace(/\./g, "\\.")}:22 .*Host key verification failed.*Fix: .*known_hosts`,
      ),
    );
  }, 60_000);

  it("reports an unreachable host clearly", async () => {
    const config = hostsConfig();
    config.hosts = [
      {
        name: "ghost",
        role: "server",
        address: "127.0.0.1",
        port: 1,
        sshKey: server.sshKey,
        knownHosts: server.knownHosts,
      },
    ];
    const error = await ensureK3s(config, { root, kubeconfigPath: "/nonexistent/kubeconfig" }).catch(
      (e: unknown) => e,
    );
    expect((error as Error).message).toMatch(
      /^ghost: cannot reach root@127\.0\.0\.1:1 .*Connection refused.*Fix: check the address/,
    );
  }, 60_000);
});

describe("an airgapped cluster of two servers and an agent over real SSH (k3s itself is a stand-in)", () => {
  const hosts: SshTestHost[] = [];
  let files: { binary: string; images: string; installScript: string };
  const clusterConfig = (version = "v1.35.4+k3s1"): HomelabConfig => ({
    k3s: { version, airgap: { ...files } },
    hosts: hosts.map((h, i) => ({
      name: h.name,
      role: i < 2 ? "server" : "agent",
      address: h.address,
      sshKey: h.sshKey,
      knownHosts: h.knownHosts,
    })),
    services: {},
  });

  beforeAll(async () => {
    for (const name of ["cp1", "cp2", "worker"]) hosts.push(await startSshTestHost(name));
    const { dir } = writeConfig("services: {}\n");
    files = {
      binary: join(dir, "k3s"),
      images: join(dir, "k3s-airgap-images-amd64.tar.zst"),
      installScript: join(dir, "install.sh"),
    };
    // The user's local copies: a binary that reports its version, an images tarball, and the install script.
    writeFileSync(files.binary, '#!/bin/sh\necho "k3s version v1.35.4+k3s1 (airgap)"\n');
    writeFileSync(files.images, "images tarball bytes\n");
    writeFileSync(files.installScript, readFileSync(join(hosts[0]!.dir, "install.sh")));
  }, 90_000);
  afterAll(async () => {
    for (const h of hosts) await h.stop();
  });

  it("uploads the local files, fetches nothing, initialises etcd on the first server and joins the rest", async () => {
    const lines: string[] = [];
    const result = await ensureK3s(clusterConfig(), {
      root,
      kubeconfigPath: join(hosts[0]!.dir, "kubeconfig"),
      log: (l) => lines.push(l),
    });
    expect(result.changed).toEqual(["cp1", "cp2", "worker"]);
    const [cp1, cp2, worker] = hosts.map((h) => h.installs());
    const token = readFileSync(
      join(hosts[0]!.dir, "var-lib-rancher", "k3s", "server", "node-token"),
      "utf8",
    ).trim();
    const url = `https://${hosts[0]!.address}:6443`;
    expect(cp1).toEqual([
      expect.objectContaining({
        INSTALL_K3S_SKIP_DOWNLOAD: "true",
        INSTALL_K3S_EXEC: "server --cluster-init",
        K3S_URL: "",
        K3S_TOKEN: "",
      }),
    ]);
    expect(cp2).toEqual([
      expect.objectContaining({
        INSTALL_K3S_SKIP_DOWNLOAD: "true",
        INSTALL_K3S_EXEC: "server",
        K3S_URL: url,
        K3S_TOKEN: token,
      }),
    ]);
    expect(worker).toEqual([
      expect.objectContaining({
        INSTALL_K3S_SKIP_DOWNLOAD: "true",
        INSTALL_K3S_EXEC: "agent",
        K3S_URL: url,
        K3S_TOKEN: token,
      }),
    ]);
    for (const h of hosts) {
      expect(existsSync(join(h.dir, "curl.log"))).toBe(false);
      expect(readFileSync(join(h.dir, "usr-local-bin", "k3s"), "utf8")).toBe(
        readFileSync(files.binary, "utf8"),
      );
      expect(statSync(join(h.dir, "usr-local-bin", "k3s")).mode & 0o111).toBe(0o111);
      expect(
        readFileSync(
          join(h.dir, "var-lib-rancher", "k3s", "agent", "images", "k3s-airgap-images-amd64.tar.zst"),
          "utf8",
        ),
      ).toBe("images tarball bytes\n");
    }
    expect(lines).toContain("cp2: uploading the airgap binary, images and install script");
  }, 90_000);

  it("refuses an airgap binary of another version than the pin, naming the field and the fix", async () => {
    const error = await ensureK3s(clusterConfig("v1.35.5+k3s1"), {
      root,
      kubeconfigPath: join(hosts[0]!.dir, "kubeconfig"),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(K3sError);
    expect((error as Error).message).toBe(
      `cp1: after the install k3s reports v1.35.4+k3s1, not the pinned v1.35.5+k3s1. Fix: k3s.airgap.binary (${files.binary}) must be k3s v1.35.5+k3s1: download that release's binary, or set k3s.version to v1.35.4+k3s1; hosts done so far (none) are left as they are`,
    );
    expect(hosts[1]!.installs()).toHaveLength(1); // stopped at the first host
  }, 90_000);
});

describe("a host reached as a non-root user: every command through sudo (real sudo; k3s itself is a stand-in)", () => {
  let host: SshTestHost;
  let files: { binary: string; images: string; installScript: string };
  const asUser = (user: string): HomelabConfig => ({
    k3s: { version: "v1.35.4+k3s1", airgap: { ...files } },
    hosts: [
      {
        name: "pi",
        role: "server",
        address: host.address,
        user,
        sshKey: host.sshKey,
        knownHosts: host.knownHosts,
      },
    ],
    services: {},
  });

  beforeAll(async () => {
    host = await startSshTestHost("pi", { users: [{ name: "pi", sudo: true }, { name: "guest" }] });
    const { dir } = writeConfig("services: {}\n");
    files = {
      binary: join(dir, "k3s"),
      images: join(dir, "images.tar.zst"),
      installScript: join(dir, "install.sh"),
    };
    writeFileSync(files.binary, '#!/bin/sh\necho "k3s version v1.35.4+k3s1 (airgap)"\n');
    writeFileSync(files.images, "images\n");
    writeFileSync(files.installScript, readFileSync(join(host.dir, "install.sh")));
  }, 60_000);
  afterAll(async () => {
    await host?.stop();
  });

  it("refuses a user without passwordless sudo before touching the host, naming the fix", async () => {
    const error = await ensureK3s(asUser("guest"), {
      root,
      kubeconfigPath: join(host.dir, "kubeconfig"),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(K3sError);
    expect((error as Error).message).toMatch(
      /^pi: guest cannot run commands as root without a password \(.*sudo: a password is required.*\)\. Fix: installing k3s needs root/,
    );
    expect((error as Error).message).toContain(
      `on ${host.address} run \`echo 'guest ALL=(ALL) NOPASSWD: ALL' | sudo tee /etc/sudoers.d/homelab\`, or connect as root (user: root)`,
    );
    expect(host.installs()).toEqual([]);
    expect(existsSync(join(host.dir, "usr-local-bin", "k3s"))).toBe(false);
  }, 60_000);

  it("installs as root through sudo: uploads, the install, the node's root-only kubeconfig", async () => {
    const kubeconfigPath = join(host.dir, "kubeconfig");
    const result = await ensureK3s(asUser("pi"), { root, kubeconfigPath });
    expect(result.changed).toEqual(["pi"]);
    expect(host.installs()).toEqual([
      expect.objectContaining({
        INSTALL_K3S_VERSION: "v1.35.4+k3s1",
        INSTALL_K3S_EXEC: "server",
        INSTALL_K3S_SKIP_DOWNLOAD: "true",
      }),
    ]);
    // Written by root (through sudo), not by the login user.
    for (const file of [
      join("usr-local-bin", "k3s"),
      join("var-lib-rancher", "k3s", "agent", "images", "images.tar.zst"),
      join("etc-rancher", "k3s", "k3s.yaml"),
    ]) {
      expect(statSync(join(host.dir, file)).uid, file).toBe(0);
    }
    expect(YAML.parse(readFileSync(kubeconfigPath, "utf8")).clusters[0].cluster.server).toBe(
      `https://${host.address}:6443`,
    );
    expect((await ensureK3s(asUser("pi"), { root, kubeconfigPath })).changed).toEqual([]);
  }, 60_000);
});

describe("`address: local`: the release run on the host itself, as root and as a sudo user (k3s itself is a stand-in)", () => {
  let host: SshTestHost;
  const here = join(root, "packages", "release", "test", "fixtures", "ensure-k3s-here.mjs");
  /** Logs into the test host as `user` and runs ensureK3s there for a `local` server. */
  const ensureThere = async (user: string, version: string, kubeconfigPath: string) => {
    const config: HomelabConfig = {
      k3s: { version },
      hosts: [{ name: "box", role: "server", address: "local" }],
      services: {},
    };
    const login: HostConfig = {
      name: "box",
      role: "server",
      address: host.address,
      user,
      sshKey: host.sshKey,
      knownHosts: host.knownHosts,
    };
    const command = `cd ${shellQuote(join(root, "packages", "release"))} && node ${shellQuote(here)} ${shellQuote(JSON.stringify(config))} ${shellQuote(kubeconfigPath)}`;
    const r = await execa("ssh", [...sshOptions(login), `${user}@${host.address}`, command], {
      reject: false,
      all: true,
    });
    expect(r.exitCode, r.all).toBe(0);
    return JSON.parse(r.stdout) as { changed: string[]; kubeconfig: string };
  };

  beforeAll(async () => {
    host = await startSshTestHost("box", { users: [{ name: "pi", sudo: true }] });
  }, 60_000);
  afterAll(async () => {
    await host?.stop();
  });

  it("installs k3s on this machine as root, with the kubeconfig pointing at 127.0.0.1", async () => {
    const kubeconfig = join(host.dir, "kubeconfig-root");
    expect((await ensureThere("root", "v1.35.4+k3s1", kubeconfig)).changed).toEqual(["box"]);
    expect(host.installs()).toEqual([
      expect.objectContaining({ INSTALL_K3S_VERSION: "v1.35.4+k3s1", INSTALL_K3S_EXEC: "server" }),
    ]);
    expect(YAML.parse(readFileSync(kubeconfig, "utf8")).clusters[0].cluster.server).toBe(
      "https://127.0.0.1:6443",
    );
    expect((await ensureThere("root", "v1.35.4+k3s1", kubeconfig)).changed).toEqual([]);
  }, 90_000);

  it("runs through sudo when the release runs as a non-root user", async () => {
    const kubeconfig = join(host.dir, "home", "pi", "kubeconfig");
    expect((await ensureThere("pi", "v1.35.5+k3s1", kubeconfig)).changed).toEqual(["box"]);
    expect(host.installs().at(-1)).toMatchObject({ INSTALL_K3S_VERSION: "v1.35.5+k3s1" });
    expect(statSync(join(host.dir, "usr-local-bin", "k3s")).uid).toBe(0);
    // The root-only kubeconfig was read through sudo and written for the user, mode 0600.
    expect(statSync(kubeconfig)).toMatchObject({ uid: 4200 });
    expect(statSync(kubeconfig).mode & 0o777).toBe(0o600);
  }, 90_000);
});
