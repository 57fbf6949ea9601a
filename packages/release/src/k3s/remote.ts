import { homedir } from "node:os";
import { execa } from "execa";
import type { HostConfig } from "../config/types.ts";

/** A command that failed on a host: carries the host, command, exit code and stderr. */
export class RemoteCommandError extends Error {
  override readonly name = "RemoteCommandError";
  constructor(readonly host: string, readonly command: string, readonly exitCode: number | undefined, readonly stderr: string) {
    super(`${host}: \`${command}\` failed (exit ${exitCode ?? "?"}): ${stderr.trim().split("\n").slice(-5).join(" | ")}`);
  }
}

export interface RemoteResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs shell commands on one host: over SSH with its host key verified, or locally for `local`. */
export interface Remote {
  host: HostConfig;
  run(command: string, options?: { input?: string; check?: boolean }): Promise<RemoteResult>;
  /** Copies a local file to the host. */
  upload(local: string, remotePath: string): Promise<void>;
}

const expand = (p: string) => (p.startsWith("~/") ? `${homedir()}${p.slice(1)}` : p);

/** ssh options: batch mode (no prompts), host keys verified against known_hosts, never trust-on-first-use. */
export function sshOptions(host: HostConfig): string[] {
  const opts = [
    "-o", "BatchMode=yes",
    "-o", "StrictHostKeyChecking=yes",
    "-o", `UserKnownHostsFile=${expand(host.knownHosts ?? "~/.ssh/known_hosts")}`,
    "-o", "ConnectTimeout=10",
    "-o", "LogLevel=ERROR",
    "-p", String(host.port ?? 22),
  ];
  if (host.sshKey) opts.push("-i", expand(host.sshKey), "-o", "IdentitiesOnly=yes");
  return opts;
}

/** Quotes a word for a POSIX shell. */
export const shellQuote = (word: string) => `'${word.replace(/'/g, "'\\''")}'`;

export function connectHost(host: HostConfig): Remote {
  const local = host.address === "local";
  const target = `${host.user ?? "root"}@${host.address}`;
  const run: Remote["run"] = async (command, options = {}) => {
    const r = local
      ? await execa("sh", ["-c", command], { reject: false, input: options.input ?? "" })
      : await execa("ssh", [...sshOptions(host), target, command], { reject: false, input: options.input ?? "" });
    const result = { exitCode: r.exitCode ?? 255, stdout: String(r.stdout), stderr: String(r.stderr) };
    // ssh itself exits 255 when it cannot connect or verify the host: never a result to inspect.
    const unreachable = !local && result.exitCode === 255;
    if ((options.check !== false || unreachable) && result.exitCode !== 0) throw new RemoteCommandError(host.name, command, result.exitCode, result.stderr || result.stdout);
    return result;
  };
  return {
    host,
    run,
    upload: async (localPath, remotePath) => {
      if (local) {
        await execa("install", ["-D", localPath, remotePath]);
        return;
      }
      // Through ssh and the host's shell: needs no SFTP subsystem (which OpenSSH 9's scp requires).
      const command = `cat > ${shellQuote(remotePath)}`;
      const r = await execa("ssh", [...sshOptions(host), target, command], { reject: false, inputFile: localPath });
      if (r.exitCode !== 0) throw new RemoteCommandError(host.name, `upload ${localPath} to ${remotePath}`, r.exitCode, String(r.stderr));
    },
  };
}
