import { createWriteStream, existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { findTool } from "@homelab/toolbox";
import type { ResultPromise } from "execa";
import { execa } from "execa";

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** A process of the control plane, its output in a log file. */
export interface ManagedProcess {
  name: string;
  log: string;
  proc: ResultPromise;
}

/** Starts a tool with its output in `<dir>/<name>.log`. */
export function startProcess(
  dir: string,
  name: string,
  tool: string,
  args: string[],
  env: Record<string, string> = {},
): ManagedProcess {
  const log = join(dir, `${name}.log`);
  const out = createWriteStream(log);
  const bin = tool.includes("/") || ["ip", "sh"].includes(tool) ? tool : findTool(tool);
  const proc = execa(bin, args, { reject: false, stdin: "ignore", buffer: false, env, cleanup: true });
  proc.stdout?.pipe(out);
  proc.stderr?.pipe(out);
  return { name, log, proc };
}

/** Stops a process: SIGTERM, then SIGKILL after a grace period. */
export async function stopProcess(p: ManagedProcess, graceMs = 5000): Promise<void> {
  if (p.proc.exitCode !== null && p.proc.exitCode !== undefined) return;
  p.proc.kill("SIGTERM");
  const timer = setTimeout(() => p.proc.kill("SIGKILL"), graceMs);
  await p.proc.catch(() => undefined);
  clearTimeout(timer);
}

/** Waits until `check` resolves true, failing with the log tail of `p` when it exits or time runs out. */
export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
  p?: ManagedProcess,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void p?.proc.finally(() => (exited = true));
  for (;;) {
    if (await check().catch(() => false)) return;
    const tail = p && existsSync(p.log) ? readFileSync(p.log, "utf8").split("\n").slice(-25).join("\n") : "";
    if (exited) throw new Error(`${p!.name} exited while waiting for ${what}:\n${tail}`);
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${tail ? `:\n${tail}` : ""}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Waits until `ready` resolves; if it fails, stops `p` (so nothing is left running) and rethrows. */
export async function readyOrStopped(p: ManagedProcess, ready: () => Promise<void>): Promise<ManagedProcess> {
  try {
    await ready();
    return p;
  } catch (e) {
    await stopProcess(p);
    throw e;
  }
}
