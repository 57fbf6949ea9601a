import type { HomelabConfig, HostConfig } from "../config/schema.ts";
import { K3S_VERSION_PATTERN } from "../config/schema.ts";
import { serverComponentFlags } from "../components/k3s-flags.ts";
import type { Remote } from "./remote.ts";
import { shellAssign, shellQuote } from "./shell-quote.ts";

/** The official install script of one k3s release, from its tag: fixed content, and it verifies the binary's published sha256. */
export function installScriptUrl(version: string): string {
  return `https://raw.githubusercontent.com/k3s-io/k3s/${version}/install.sh`;
}

/** Where a channel name resolves to its current release, as k3s's own install script resolves it. */
export const CHANNEL_URL = "https://update.k3s.io/v1-release/channels";

/** What the host prints, and its exit code, when the install script's sha256 is not the pinned one. */
export const SHA_MISMATCH = "homelab: install script sha256";
export const SHA_MISMATCH_EXIT = 97;

/** The install script's name in the host's private directory. */
export const INSTALL_SCRIPT = "install.sh";

/**
 * The release a channel points at now, asked on the host (it downloads k3s): the last part
 * of the URL update.k3s.io redirects to (`.../releases/tag/v1.35.4+k3s1`). Undefined, with
 * what the host said, when that is not a k3s version.
 */
export async function resolveChannel(
  remote: Remote,
  channel: string,
): Promise<{ version?: string; detail: string }> {
  const r = await remote.run(
    `curl -sSfL -o /dev/null -w '%{url_effective}' ${shellQuote(`${CHANNEL_URL}/${channel}`)}`,
    { check: false },
  );
  const version = r.stdout.trim().split("/").at(-1) ?? "";
  if (r.exitCode === 0 && new RegExp(K3S_VERSION_PATTERN).test(version)) return { version, detail: r.stdout };
  return { detail: (r.stderr || r.stdout).trim().split("\n").slice(-2).join(" | ") || `exit ${r.exitCode}` };
}

/**
 * A private directory for one install on the host: made by mktemp (mode 0700, owned by
 * root), so no other user can read or swap what is put there. Removed after the install.
 */
export async function makePrivateDir(remote: Remote): Promise<string> {
  const dir = (
    await remote.run('d=$(mktemp -d /tmp/homelab-k3s.XXXXXXXXXX) && chmod 0700 "$d" && printf \'%s\' "$d"')
  ).stdout.trim();
  if (!/^\/tmp\/homelab-k3s\.[A-Za-z0-9]{10}$/.test(dir))
    throw new TypeError(
      `mktemp on ${remote.host.name} printed ${JSON.stringify(dir)}, not a directory it made`,
    );
  return dir;
}

export interface InstallTarget {
  /** The host's private directory (makePrivateDir); with airgap the install script is already there. */
  dir: string;
  /** The k3s release to install: the pin, or the release the channel resolved to. */
  version: string;
  /** The first server's API, for a host that joins. */
  url?: string;
  /** The node token, for a host that joins. */
  token?: string;
  clusterInit: boolean;
}

/**
 * The script (run as root from stdin: Remote.script) that installs k3s on one host: fetches
 * the install script of `version` into the private directory (with airgap it was uploaded
 * there), reads it once, checks that content's sha256 when k3s.installScriptSha256 is set, and
 * runs that same content with INSTALL_K3S_* and K3S_* set inside the script, so the node token
 * is in no command line. The directory is removed when the script ends.
 */
export function installScript(config: HomelabConfig, host: HostConfig, target: InstallTarget): string {
  const k3s = config.k3s ?? {};
  const env = [shellAssign("INSTALL_K3S_VERSION", target.version)];
  if (k3s.airgap) env.push(shellAssign("INSTALL_K3S_SKIP_DOWNLOAD", "true"));
  if (target.url) env.push(shellAssign("K3S_URL", target.url));
  if (target.token) env.push(shellAssign("K3S_TOKEN", target.token));
  const exec = [
    host.role === "server" ? "server" : "agent",
    ...(target.clusterInit ? ["--cluster-init"] : []),
    ...(k3s.extraArgs ?? []),
    ...(host.role === "server" ? serverComponentFlags(config) : []),
  ];
  env.push(shellAssign("INSTALL_K3S_EXEC", exec.join(" ")));
  const pin = k3s.installScriptSha256;
  return [
    "set -e",
    `dir=${shellQuote(target.dir)}`,
    `trap 'rm -rf "$dir"' EXIT`,
    // Every command reads /dev/null, never the rest of this script on stdin.
    "{",
    ...(k3s.airgap
      ? []
      : [`curl -sfL ${shellQuote(installScriptUrl(target.version))} -o "$dir/${INSTALL_SCRIPT}"`]),
    // Read once: what is checked is what runs (x keeps trailing newlines through $(...)).
    `content=$(cat "$dir/${INSTALL_SCRIPT}" && echo x)`,
    'content="${content%x}"',
    ...(pin
      ? [
          `actual=$(printf '%s' "$content" | sha256sum | cut -d' ' -f1)`,
          `[ "$actual" = ${shellQuote(pin)} ] || { echo "${SHA_MISMATCH} $actual" >&2; exit ${SHA_MISMATCH_EXIT}; }`,
        ]
      : []),
    ...env.map((e) => `export ${e}`),
    `printf '%s' "$content" | sh -s -`,
    "} </dev/null",
    "",
  ].join("\n");
}
