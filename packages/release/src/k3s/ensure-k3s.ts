import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import type { FixableErrorOptions } from "@homelab/errors";
import { FixableError } from "@homelab/errors";
import type { HomelabConfig, HostConfig, K3sConfig } from "../config/schema.ts";
import type { Remote } from "./remote.ts";
import {
  componentChange,
  recordDisabled,
  serverComponentFlags,
  wantedDisabled,
} from "../components/k3s-flags.ts";
import { connectHost, isSudoRefusal, RemoteCommandError } from "./remote.ts";

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

/** The official install script at the pinned version: fixed content, and it verifies the binary's published sha256. */
export function installScriptUrl(version: string | undefined): string {
  return `https://raw.githubusercontent.com/k3s-io/k3s/${version ?? "master"}/install.sh`;
}

/** The shell command that installs k3s on one host with the pinned version (or channel) and flags. */
export function installCommand(
  config: HomelabConfig,
  host: HostConfig,
  join: { url?: string; token?: string; clusterInit: boolean },
): string {
  const k3s = config.k3s ?? {};
  const env: string[] = [];
  if (k3s.version) env.push(`INSTALL_K3S_VERSION='${k3s.version}'`);
  else env.push(`INSTALL_K3S_CHANNEL='${k3s.channel ?? "stable"}'`);
  if (k3s.airgap) env.push("INSTALL_K3S_SKIP_DOWNLOAD=true");
  if (join.url) env.push(`K3S_URL='${join.url}'`);
  if (join.token) env.push(`K3S_TOKEN='${join.token}'`);
  const exec = [
    host.role === "server" ? "server" : "agent",
    ...(join.clusterInit ? ["--cluster-init"] : []),
    ...(k3s.extraArgs ?? []),
  ];
  if (host.role === "server") exec.push(...serverComponentFlags(config));
  env.push(`INSTALL_K3S_EXEC='${exec.join(" ")}'`);
  const fetch = k3s.airgap ? "" : `curl -sfL '${installScriptUrl(k3s.version)}' -o ${INSTALL_SCRIPT} && `;
  // With airgap the local file was checked when the config was loaded.
  const verify =
    k3s.installScriptSha256 && !k3s.airgap
      ? `actual=$(sha256sum ${INSTALL_SCRIPT} | cut -d' ' -f1) && { [ "$actual" = '${k3s.installScriptSha256}' ] || { echo "${SHA_MISMATCH} $actual" >&2; exit ${SHA_MISMATCH_EXIT}; }; } && `
      : "";
  return `${fetch}${verify}${env.join(" ")} sh ${INSTALL_SCRIPT}`;
}

const INSTALL_SCRIPT = "/tmp/homelab-k3s-install.sh";
/** What the host prints, and its exit code, when the fetched install script's sha256 is not the pinned one. */
const SHA_MISMATCH = "homelab: install script sha256";
const SHA_MISMATCH_EXIT = 97;

/**
 * Puts the airgap files on a host: install.sh in /tmp, the images tarball where
 * k3s imports it at start, the binary renamed into place last (a running k3s
 * keeps its old inode, so an upgrade never hits "text file busy").
 */
async function uploadAirgap(remote: Remote, airgap: NonNullable<K3sConfig["airgap"]>): Promise<void> {
  await remote.run("mkdir -p /usr/local/bin /var/lib/rancher/k3s/agent/images");
  await remote.upload(airgap.installScript, INSTALL_SCRIPT);
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
      );
    }
    return new K3sError(
      host.name,
      `${user} cannot run commands as root without a password (${stderr})`,
      `installing k3s needs root: on ${host.address} run \`echo '${user} ALL=(ALL) NOPASSWD: ALL' | sudo tee /etc/sudoers.d/homelab\`, or connect as root (user: root)`,
    );
  }
  return new K3sError(
    host.name,
    `cannot reach ${user}@${host.address}:${host.port ?? 22} (${stderr})`,
    "check the address, that sshd runs, that the key is authorised and the host key is in known_hosts (ssh-keyscan)",
  );
}

const leftAsTheyAre = (done: string[]) =>
  `hosts done so far (${done.join(", ") || "none"}) are left as they are`;

/** After an install: k3s must report the pinned version and its service must be active. */
async function checkInstalled(remote: Remote, config: HomelabConfig, done: string[]): Promise<void> {
  const state = await detectK3s(remote);
  const wanted = config.k3s?.version;
  const left = leftAsTheyAre(done);
  if (!state.installed)
    throw new K3sError(
      remote.host.name,
      "after the install `k3s --version` reports no k3s",
      `check /usr/local/bin/k3s on the host and re-run; ${left}`,
    );
  if (wanted && state.version !== wanted) {
    const fix = config.k3s?.airgap
      ? `k3s.airgap.binary (${config.k3s.airgap.binary}) must be k3s ${wanted}: download that release's binary, or set k3s.version to ${state.version}`
      : `check INSTALL_K3S_* on the host and re-run`;
    throw new K3sError(
      remote.host.name,
      `after the install k3s reports ${state.version}, not the pinned ${wanted}`,
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
  dryRun?: boolean;
  log?: (line: string) => void;
  /** Where to write the kubeconfig. Default: `<root>/.homelab/kubeconfig` (ignored by git). */
  kubeconfigPath?: string;
}

/**
 * Ensures k3s on every host: the first server (with --cluster-init when more
 * servers follow), then further servers and agents joined with the node
 * token. A host already running the wanted version is left alone. Fetches the
 * kubeconfig (mode 0600) with its server address rewritten to the first server.
 */
export async function ensureK3s(
  config: HomelabConfig,
  options: EnsureK3sOptions,
): Promise<{ kubeconfig: string; changed: string[] }> {
  const log = options.log ?? (() => undefined);
  const hosts = config.hosts ?? [];
  const servers = hosts.filter((h) => h.role === "server");
  if (servers.length === 0)
    throw new K3sError("hosts", "no host has role server", "give the first host role: server");
  const first = servers[0]!;
  const changed: string[] = [];
  const wanted = config.k3s?.version;
  let token: string | undefined;
  const url = `https://${first.address === "local" ? "127.0.0.1" : first.address}:6443`;
  for (const host of [first, ...hosts.filter((h) => h !== first)]) {
    const remote = connectHost(host);
    let state: K3sState;
    try {
      state = await detectK3s(remote);
    } catch (e) {
      throw unreachable(remote, e);
    }
    // A change of the disabled components re-runs the installer with the new flags.
    const components = state.installed ? await componentChange(remote, config) : undefined;
    const ok = state.installed && state.running && (!wanted || state.version === wanted) && !components;
    log(
      `${host.name}: k3s ${state.installed ? `${state.version} ${state.running ? "running" : "stopped"}` : "not installed"}${ok ? ", nothing to do" : `, will install ${wanted ?? config.k3s?.channel ?? "stable"}`}${components ? ` (${components}: the installer re-runs with the new flags)` : ""}`,
    );
    if (!ok && !options.dryRun) {
      const joining = host !== first;
      try {
        if (config.k3s?.airgap) {
          log(`${host.name}: uploading the airgap binary, images and install script`);
          await uploadAirgap(remote, config.k3s.airgap);
        }
        if (joining && !token)
          token = (await connectHost(first).run("cat /var/lib/rancher/k3s/server/node-token")).stdout.trim();
        await remote.run(
          installCommand(config, host, {
            ...(joining ? { url, token: token! } : {}),
            clusterInit: !joining && servers.length > 1,
          }),
        );
      } catch (e) {
        if (!(e instanceof RemoteCommandError)) throw e;
        const mismatch =
          e.commandExitCode === SHA_MISMATCH_EXIT
            ? new RegExp(`${SHA_MISMATCH} ([0-9a-f]{64})`).exec(e.stderr)?.[1]
            : undefined;
        if (mismatch) {
          throw new K3sError(
            host.name,
            `the install script fetched from ${installScriptUrl(config.k3s?.version)} has sha256 ${mismatch}, not k3s.installScriptSha256 ${config.k3s?.installScriptSha256}; it was not run`,
            `review that script; if it is the one you want, set k3s.installScriptSha256 to ${mismatch}; ${leftAsTheyAre(changed)}`,
          );
        }
        throw new K3sError(
          host.name,
          `installing k3s failed (exit ${e.commandExitCode ?? "?"}): ${e.stderr.trim().split("\n").slice(-5).join(" | ")}`,
          `fix the cause above and re-run; ${leftAsTheyAre(changed)}`,
        );
      }
      await checkInstalled(remote, config, changed);
      if (host.role === "server") await recordDisabled(remote, wantedDisabled(config));
      changed.push(host.name);
      log(`${host.name}: k3s installed`);
    }
  }
  const kubeconfig = options.kubeconfigPath ?? join(options.root, ".homelab", "kubeconfig");
  if (!options.dryRun || changed.length === 0) {
    let raw: string;
    try {
      raw = (await connectHost(first).run("cat /etc/rancher/k3s/k3s.yaml")).stdout;
    } catch (e) {
      if (!(e instanceof RemoteCommandError)) throw e;
      throw new K3sError(
        first.name,
        `reading /etc/rancher/k3s/k3s.yaml failed: ${e.stderr.trim().split("\n").at(-1)}`,
        `check that the k3s server runs there (systemctl status k3s) and re-run; ${leftAsTheyAre(changed)}`,
      );
    }
    mkdirSync(join(kubeconfig, ".."), { recursive: true, mode: 0o700 });
    writeFileSync(kubeconfig, raw.replace(/server: https:\/\/127\.0\.0\.1:6443/g, `server: ${url}`), {
      mode: 0o600,
    });
    chmodSync(kubeconfig, 0o600);
  }
  return { kubeconfig, changed };
}
