import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import type { FixableErrorOptions } from "@homelab/errors";
import { ExitCode, FixableError } from "@homelab/errors";
import type { HomelabConfig, HostConfig, K3sConfig } from "../config/schema.ts";
import type { Remote } from "./remote.ts";
import { componentChange, recordDisabled, wantedDisabled } from "../components/k3s-flags.ts";
import { serverUrl } from "./host-checks.ts";
import {
  INSTALL_SCRIPT,
  installScript,
  installScriptUrl,
  makePrivateDir,
  resolveChannel,
  SHA_MISMATCH,
  SHA_MISMATCH_EXIT,
} from "./install-script.ts";
import { connectHost, isSudoRefusal, RemoteCommandError } from "./remote.ts";
import { shellQuote } from "./shell-quote.ts";

/** k3s could not be ensured on a host: names the host, what failed and the fix. */
export class K3sError extends FixableError {
  override readonly name = "K3sError";
  constructor(
    readonly host: string,
    problem: string,
    fix: string,
    options: FixableErrorOptions = {},
  ) {
    super(problem, fix, { ...options, where: host });
  }
}

/** What is on a host now. */
export interface K3sState {
  installed: boolean;
  /** e.g. `v1.35.4+k3s1`. */
  version?: string;
  running: boolean;
}

/** Parses `k3s --version` output: `k3s version v1.35.4+k3s1 (abcdef12)`. */
export function parseK3sVersion(output: string): string | undefined {
  return /k3s version (v\d+\.\d+\.\d+\+k3s\d+)/.exec(output)?.[1];
}

export async function detectK3s(remote: Remote): Promise<K3sState> {
  const v = await remote.run("k3s --version 2>/dev/null || true", { check: false });
  const version = parseK3sVersion(v.stdout);
  if (!version) return { installed: false, running: false };
  const unit = remote.host.role === "server" ? "k3s" : "k3s-agent";
  const active = await remote.run(`systemctl is-active ${unit} 2>/dev/null || true`, { check: false });
  return { installed: true, version, running: active.stdout.trim() === "active" };
}

/**
 * Puts the airgap files on a host: install.sh in the install's private directory, the
 * images tarball where k3s imports it at start, the binary renamed into place last (a
 * running k3s keeps its old inode, so an upgrade never hits "text file busy").
 */
async function uploadAirgap(
  remote: Remote,
  airgap: NonNullable<K3sConfig["airgap"]>,
  dir: string,
): Promise<void> {
  await remote.run("mkdir -p /usr/local/bin /var/lib/rancher/k3s/agent/images");
  await remote.upload(airgap.installScript, `${dir}/${INSTALL_SCRIPT}`);
  await remote.upload(airgap.images, `/var/lib/rancher/k3s/agent/images/${basename(airgap.images)}`);
  await remote.upload(airgap.binary, "/usr/local/bin/.k3s.homelab-new");
  await remote.run(
    "chmod 0755 /usr/local/bin/.k3s.homelab-new && mv -f /usr/local/bin/.k3s.homelab-new /usr/local/bin/k3s",
  );
}

/** The error for a host whose first command failed: SSH could not connect, or sudo refused. */
function unreachable(remote: Remote, e: unknown): K3sError {
  const { host } = remote;
  const stderr = (e instanceof RemoteCommandError ? e.stderr : String(e)).trim().replace(/\s*\n\s*/g, " ");
  const user = host.user ?? "root";
  if (remote.sudo && e instanceof RemoteCommandError && isSudoRefusal(e.commandExitCode ?? 0, e.stderr)) {
    if (e.commandExitCode === 127) {
      return new K3sError(
        host.name,
        `${user} is not root and sudo is not installed (${stderr})`,
        `installing k3s needs root: install sudo on ${host.address} and give ${user} passwordless sudo, or connect as root (user: root)`,
        { exitCode: ExitCode.unreachable },
      );
    }
    return new K3sError(
      host.name,
      `${user} cannot run commands as root without a password (${stderr})`,
      `installing k3s needs root: on ${host.address} run \`echo '${user} ALL=(ALL) NOPASSWD: ALL' | sudo tee /etc/sudoers.d/homelab\`, or connect as root (user: root)`,
      { exitCode: ExitCode.unreachable },
    );
  }
  return new K3sError(
    host.name,
    `cannot reach ${user}@${host.address}:${host.port ?? 22} (${stderr})`,
    "check the address, that sshd runs, that the key is authorised and the host key is in known_hosts (ssh-keyscan)",
    { exitCode: ExitCode.unreachable },
  );
}

const leftAsTheyAre = (done: string[]) =>
  `hosts done so far (${done.join(", ") || "none"}) are left as they are`;

/** After an install: k3s must report the pinned version and its service must be active. */
async function checkInstalled(
  remote: Remote,
  config: HomelabConfig,
  wanted: string,
  done: string[],
): Promise<void> {
  const state = await detectK3s(remote);
  const left = leftAsTheyAre(done);
  if (!state.installed)
    throw new K3sError(
      remote.host.name,
      "after the install `k3s --version` reports no k3s",
      `check /usr/local/bin/k3s on the host and re-run; ${left}`,
    );
  if (state.version !== wanted) {
    const fix = config.k3s?.airgap
      ? `k3s.airgap.binary (${config.k3s.airgap.binary}) must be k3s ${wanted}: download that release's binary, or set k3s.version to ${state.version}`
      : `check INSTALL_K3S_* on the host and re-run`;
    throw new K3sError(
      remote.host.name,
      `after the install k3s reports ${state.version}, not the ${config.k3s?.version ? "pinned" : "channel's"} ${wanted}`,
      `${fix}; ${left}`,
    );
  }
  const unit = remote.host.role === "server" ? "k3s" : "k3s-agent";
  if (!state.running)
    throw new K3sError(
      remote.host.name,
      `k3s ${state.version} is installed but the ${unit} service is not active`,
      `see \`journalctl -u ${unit}\` on the host, fix it and re-run; ${left}`,
    );
}

export interface EnsureK3sOptions {
  root: string;
  /** Only read the hosts: say what would be installed, write nothing (on the hosts or here). */
  dryRun?: boolean;
  log?: (line: string) => void;
  /** Where to write the kubeconfig (not in a dry run). Default: `<root>/.homelab/kubeconfig` (ignored by git). */
  kubeconfigPath?: string;
}

export interface EnsureK3sResult {
  /** The file the kubeconfig was written to (mode 0600); undefined in a dry run, which writes no file. */
  kubeconfig?: string;
  /**
   * The kubeconfig's text, its server the first server's address; undefined in a dry run when
   * the first server has no k3s yet (the cluster does not exist: everything is a first install).
   */
  kubeconfigYaml?: string;
  /** The hosts installed or changed. */
  changed: string[];
  /** The hosts a dry run would install or change (in a real run, those changed). */
  planned: string[];
}

/**
 * Ensures k3s on every host: the first server (with --cluster-init when more
 * servers follow), then further servers and agents joined with the node
 * token. A host already running the wanted version is left alone. Fetches the
 * kubeconfig (mode 0600) with its server address rewritten to the first server.
 * A dry run only reads: a host without k3s is a planned install, not an error.
 */
export async function ensureK3s(config: HomelabConfig, options: EnsureK3sOptions): Promise<EnsureK3sResult> {
  const log = options.log ?? (() => undefined);
  const hosts = config.hosts ?? [];
  const servers = hosts.filter((h) => h.role === "server");
  if (servers.length === 0)
    throw new K3sError("hosts", "no host has role server", "give the first host role: server", {
      exitCode: ExitCode.usage,
    });
  const first = servers[0]!;
  const changed: string[] = [];
  const planned: string[] = [];
  let version = config.k3s?.version;
  let token: string | undefined;
  let firstInstalled = false;
  const url = serverUrl(first);
  for (const host of [first, ...hosts.filter((h) => h !== first)]) {
    const remote = connectHost(host);
    let state: K3sState;
    try {
      state = await detectK3s(remote);
    } catch (e) {
      throw unreachable(remote, e);
    }
    if (host === first) firstInstalled = state.installed;
    // A change of the disabled components re-runs the installer with the new flags.
    const components = state.installed ? await componentChange(remote, config) : undefined;
    const ok = state.installed && state.running && (!version || state.version === version) && !components;
    log(
      `${host.name}: k3s ${state.installed ? `${state.version} ${state.running ? "running" : "stopped"}` : "not installed"}${ok ? ", nothing to do" : `, will install ${version ?? config.k3s?.channel ?? "stable"}`}${components ? ` (${components}: the installer re-runs with the new flags)` : ""}`,
    );
    if (ok) continue;
    planned.push(host.name);
    if (options.dryRun) continue;
    if (!version) version = await channelVersion(remote, config, changed);
    await install(remote, config, {
      version,
      first,
      url,
      clusterInit: host === first && servers.length > 1,
      token: host === first ? undefined : (token ??= await nodeToken(first)),
      done: changed,
      log,
    });
    await checkInstalled(remote, config, version, changed);
    if (host.role === "server") await recordDisabled(remote, wantedDisabled(config));
    changed.push(host.name);
    log(`${host.name}: k3s installed`);
  }
  // A dry run writes nothing and, when the cluster does not exist yet, has no kubeconfig to read.
  if (options.dryRun && !firstInstalled) return { changed, planned };
  const kubeconfigYaml = (await readKubeconfig(first, changed)).replace(
    /server: https:\/\/127\.0\.0\.1:6443/g,
    `server: ${url}`,
  );
  if (options.dryRun) return { kubeconfigYaml, changed, planned };
  const kubeconfig = options.kubeconfigPath ?? join(options.root, ".homelab", "kubeconfig");
  mkdirSync(join(kubeconfig, ".."), { recursive: true, mode: 0o700 });
  writeFileSync(kubeconfig, kubeconfigYaml, { mode: 0o600 });
  chmodSync(kubeconfig, 0o600);
  return { kubeconfig, kubeconfigYaml, changed, planned };
}

/** The release the config's channel points at now, asked once, on the first host installed. */
async function channelVersion(remote: Remote, config: HomelabConfig, done: string[]): Promise<string> {
  const channel = config.k3s?.channel ?? "stable";
  const resolved = await resolveChannel(remote, channel);
  if (resolved.version) return resolved.version;
  throw new K3sError(
    remote.host.name,
    `cannot resolve the k3s channel ${channel} to a release (${resolved.detail})`,
    `check that the host reaches update.k3s.io, or pin k3s.version (e.g. v1.35.4+k3s1); ${leftAsTheyAre(done)}`,
  );
}

/** The first server's node token: read over SSH (stdout), kept in memory, passed to hosts on stdin. */
async function nodeToken(first: HostConfig): Promise<string> {
  return (await connectHost(first).run("cat /var/lib/rancher/k3s/server/node-token")).stdout.trim();
}

async function readKubeconfig(first: HostConfig, done: string[]): Promise<string> {
  try {
    return (await connectHost(first).run("cat /etc/rancher/k3s/k3s.yaml")).stdout;
  } catch (e) {
    if (!(e instanceof RemoteCommandError)) throw e;
    throw new K3sError(
      first.name,
      `reading /etc/rancher/k3s/k3s.yaml failed: ${e.stderr.trim().split("\n").at(-1)}`,
      `check that the k3s server runs there (systemctl status k3s) and re-run; ${leftAsTheyAre(done)}`,
    );
  }
}

/**
 * Installs k3s on one host from a private directory made for it and removed after: the
 * airgap files uploaded (or the install script fetched there), then the install script run
 * as root from stdin with the node token inside it.
 */
async function install(
  remote: Remote,
  config: HomelabConfig,
  o: {
    version: string;
    first: HostConfig;
    url: string;
    clusterInit: boolean;
    token?: string | undefined;
    done: string[];
    log: (line: string) => void;
  },
): Promise<void> {
  const { host } = remote;
  const joining = host !== o.first;
  let dir: string | undefined;
  try {
    dir = await makePrivateDir(remote);
    if (config.k3s?.airgap) {
      o.log(`${host.name}: uploading the airgap binary, images and install script`);
      await uploadAirgap(remote, config.k3s.airgap, dir);
    }
    await remote.script(
      installScript(config, host, {
        dir,
        version: o.version,
        clusterInit: o.clusterInit,
        ...(joining ? { url: o.url, token: o.token! } : {}),
      }),
    );
  } catch (e) {
    if (!(e instanceof RemoteCommandError)) throw e;
    const mismatch =
      e.commandExitCode === SHA_MISMATCH_EXIT
        ? new RegExp(`${SHA_MISMATCH} ([0-9a-f]{64})`).exec(e.stderr)?.[1]
        : undefined;
    if (mismatch) {
      const source = config.k3s?.airgap
        ? `k3s.airgap.installScript (${config.k3s.airgap.installScript}), as the host received it,`
        : `the install script fetched from ${installScriptUrl(o.version)}`;
      throw new K3sError(
        host.name,
        `${source} has sha256 ${mismatch}, not k3s.installScriptSha256 ${config.k3s?.installScriptSha256}; it was not run`,
        `review that script; if it is the one you want, set k3s.installScriptSha256 to ${mismatch}; ${leftAsTheyAre(o.done)}`,
      );
    }
    throw new K3sError(
      host.name,
      `installing k3s failed (exit ${e.commandExitCode ?? "?"}): ${e.stderr.trim().split("\n").slice(-5).join(" | ")}`,
      `fix the cause above and re-run; ${leftAsTheyAre(o.done)}`,
    );
  } finally {
    if (dir) await remote.run(`rm -rf ${shellQuote(dir)}`, { check: false }).catch(() => undefined);
  }
}
