import { homedir } from "node:os";
import { FixableError } from "@homelab/errors";
import { execa } from "execa";
import type { HostConfig } from "../config/schema.ts";

/** A command that failed on a host: carries the host, command, exit code and stderr. */
export class RemoteCommandError extends FixableError {
  override readonly name = "RemoteCommandError";
  constructor(
    readonly host: string,
    readonly command: string,
    readonly commandExitCode: number | undefined,
    readonly stderr: string,
  ) {
    super(
      `${host}: \`${command}\` failed (exit ${commandExitCode ?? "?"}): ` +
        stderr.trim().split("\n").slice(-5).join(" | "),
      "read the host's output above; run the command on the host to see all of it",
    );
  }
}

export interface RemoteResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs shell commands on one host as root: over SSH with its host key
 * verified, or locally for `local`. When the login user is not root (or this
 * process is not, for `local`), every command runs through `sudo -n sh -c`,
 * so the user needs passwordless sudo, as k3s's own installer does.
 */
export interface Remote {
  host: HostConfig;
  /** Whether commands go through sudo. */
  sudo: boolean;
  run(
    command: string,
    options?: { input?: string; inputFile?: string; check?: boolean },
  ): Promise<RemoteResult>;
  /** Copies a local file to the host. */
  upload(local: string, remotePath: string): Promise<void>;
}

const expand = (p: string) => (p.startsWith("~/") ? `${homedir()}${p.slice(1)}` : p);

/** ssh options: batch mode (no prompts), host keys verified against known_hosts, never trust-on-first-use. */
export function sshOptions(host: HostConfig): string[] {
  const opts = [
    "-o",
    "BatchMode=yes",
    "-o",
    "StrictHostKeyChecking=yes",
    "-o",
    `UserKnownHostsFile=${expand(host.knownHosts ?? "~/.ssh/known_hosts")}`,
    "-o",
    "ConnectTimeout=10",
    "-o",
    "LogLevel=ERROR",
    "-p",
    String(host.port ?? 22),
  ];
  if (host.sshKey) opts.push("-i", expand(host.sshKey), "-o", "IdentitiesOnly=yes");
  return opts;
}

/** Quotes a word for a POSIX shell. */
export const shellQuote = (word: string) => `'${word.replace(/'/g, "'\\''")}'`;

/**
 * `sudo -n` refused (exit 1: the user may not run commands as root without a
 * password) or is missing (exit 127). sudo's other lines, such as "unable to
 * resolve host", are warnings and do not count.
 */
export function isSudoRefusal(exitCode: number, stderr: string): boolean {
  if (exitCode === 127) return /sudo: (command )?not found/.test(stderr);
  return (
    exitCode === 1 &&
    /^sudo: a (password|terminal) is required|is not in the sudoers file|may not run sudo|is not allowed to execute/m.test(
      stderr,
    )
  );
}

export function connectHost(host: HostConfig): Remote {
  const local = host.address === "local";
  const user = host.user ?? "root";
  const target = `${user}@${host.address}`;
  const sudo = local ? process.getuid?.() !== 0 : user !== "root";
  const asRoot = (command: string) => (sudo ? `sudo -n sh -c ${shellQuote(command)}` : command);
  const run: Remote["run"] = async (command, options = {}) => {
    const stdin =
      options.inputFile !== undefined ? { inputFile: options.inputFile } : { input: options.input ?? "" };
    const r = local
      ? await execa("sh", ["-c", asRoot(command)], { reject: false, ...stdin })
      : await execa("ssh", [...sshOptions(host), target, asRoot(command)], { reject: false, ...stdin });
    const result = { exitCode: r.exitCode ?? 255, stdout: String(r.stdout), stderr: String(r.stderr) };
    // ssh itself exits 255 when it cannot connect or verify the host, and sudo
    // refuses or is missing: never a result to inspect.
    const unreachable =
      (!local && result.exitCode === 255) || (sudo && isSudoRefusal(result.exitCode, result.stderr));
    if ((options.check !== false || unreachable) && result.exitCode !== 0)
      throw new RemoteCommandError(host.name, command, result.exitCode, result.stderr || result.stdout);
    return result;
  };
  return {
    host,
    sudo,
    run,
    // Through the host's shell: needs no SFTP subsystem (which OpenSSH 9's scp requires).
    upload: async (localPath, remotePath) => {
      await run(`cat > ${shellQuote(remotePath)}`, { inputFile: localPath });
    },
  };
}
