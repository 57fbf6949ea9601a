import { homedir } from "node:os";
import { FixableError } from "@homelab/errors";
import { execa } from "execa";
import type { HostConfig } from "../config/schema.ts";
import { shellQuote } from "./shell-quote.ts";

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
 * A command's text is in ssh's argv (and in sudo's log): a script carrying a secret goes
 * through `script`, on stdin.
 */
export interface Remote {
  host: HostConfig;
  /** Whether commands go through sudo. */
  sudo: boolean;
  run(
    command: string,
    options?: { input?: string; inputFile?: string; check?: boolean },
  ): Promise<RemoteResult>;
  /**
   * Runs a shell script as root from stdin (`sh -s`, through `sudo -n sh -s` when needed):
   * its text is in no command line and no sudo log, so it may carry a secret.
   */
  script(text: string, options?: { check?: boolean }): Promise<RemoteResult>;
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

/**
 * ssh's arguments for one command: the options, then `--` so that nothing after it (the
 * destination, the command) is ever read as an option, whatever the config's user or address.
 */
export function sshArgs(host: HostConfig, command: string): string[] {
  return [...sshOptions(host), "--", `${host.user ?? "root"}@${host.address}`, command];
}

export function connectHost(host: HostConfig): Remote {
  const local = host.address === "local";
  const user = host.user ?? "root";
  const sudo = local ? process.getuid?.() !== 0 : user !== "root";
  const asRoot = (command: string) => (sudo ? `sudo -n sh -c ${shellQuote(command)}` : command);
  const exec = async (
    command: string,
    shown: string,
    stdin: { input: string } | { inputFile: string },
    check: boolean,
  ): Promise<RemoteResult> => {
    const r = local
      ? await execa("sh", ["-c", command], { reject: false, ...stdin })
      : await execa("ssh", sshArgs(host, command), { reject: false, ...stdin });
    const result = { exitCode: r.exitCode ?? 255, stdout: String(r.stdout), stderr: String(r.stderr) };
    // ssh itself exits 255 when it cannot connect or verify the host, and sudo
    // refuses or is missing: never a result to inspect.
    const unreachable =
      (!local && result.exitCode === 255) || (sudo && isSudoRefusal(result.exitCode, result.stderr));
    if ((check || unreachable) && result.exitCode !== 0)
      throw new RemoteCommandError(host.name, shown, result.exitCode, result.stderr || result.stdout);
    return result;
  };
  const run: Remote["run"] = (command, options = {}) =>
    exec(
      asRoot(command),
      command,
      options.inputFile !== undefined ? { inputFile: options.inputFile } : { input: options.input ?? "" },
      options.check !== false,
    );
  return {
    host,
    sudo,
    run,
    script: (text, options = {}) =>
      exec(
        sudo ? "sudo -n sh -s" : "sh -s",
        "sh -s (a script on stdin)",
        { input: text },
        options.check !== false,
      ),
    // Through the host's shell: needs no SFTP subsystem (which OpenSSH 9's scp requires).
    upload: async (localPath, remotePath) => {
      await run(`cat > ${shellQuote(remotePath)}`, { inputFile: localPath });
    },
  };
}
