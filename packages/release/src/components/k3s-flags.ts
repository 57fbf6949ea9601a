import type { HomelabConfig } from "../config/schema.ts";
import type { Remote } from "../k3s/remote.ts";
import { shellQuote } from "../k3s/shell-quote.ts";
import { disabledByFlags, disabledComponents } from "./k3s-components.ts";

/**
 * Where the release records, on each server, the components it installed k3s without. k3s
 * itself keeps them only in its systemd unit's ExecStart, which is read when this is missing.
 */
export const DISABLED_RECORD = "/etc/rancher/k3s/homelab-disabled-components";
const UNIT = "/etc/systemd/system/k3s.service";

/** The components the config disables on a server: `k3s.components` and `--disable` in `k3s.extraArgs`. */
export function wantedDisabled(config: HomelabConfig): string[] {
  return [
    ...new Set([
      ...disabledComponents(config.k3s?.components),
      ...disabledByFlags(config.k3s?.extraArgs ?? []),
    ]),
  ].sort();
}

/** The quoted arguments of a systemd unit's ExecStart, as k3s's install script writes them. */
export function execStartArgs(unit: string): string[] {
  const start = /^ExecStart=([\s\S]*?)(?:\n(?!\s)|$)/m.exec(unit.replace(/\\\n/g, " "))?.[1] ?? "";
  return [...start.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

/** The components k3s on this server runs without now: the release's record, else its unit's flags. */
export async function currentDisabled(remote: Remote): Promise<string[]> {
  const record = await remote.run(`cat ${DISABLED_RECORD} 2>/dev/null || true`, { check: false });
  if (record.stdout.trim() || record.stdout === "\n")
    return record.stdout
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean)
      .sort();
  const unit = await remote.run(`cat ${UNIT} 2>/dev/null || true`, { check: false });
  return disabledByFlags(execStartArgs(unit.stdout));
}

/** Records, after an install, which components this server was installed without. */
export async function recordDisabled(remote: Remote, disabled: readonly string[]): Promise<void> {
  await remote.run(
    `mkdir -p /etc/rancher/k3s && printf '%s\\n' ${disabled.length ? disabled.map(shellQuote).join(" ") : "''"} > ${DISABLED_RECORD}`,
  );
}

/** `disable servicelb, traefik (now: servicelb)`, or undefined when the server runs as the config wants. */
export async function componentChange(remote: Remote, config: HomelabConfig): Promise<string | undefined> {
  if (remote.host.role !== "server") return undefined;
  const wanted = wantedDisabled(config);
  const now = await currentDisabled(remote);
  if (wanted.join(",") === now.join(",")) return undefined;
  return `components change: disable ${wanted.join(", ") || "nothing"} (now: ${now.join(", ") || "nothing"})`;
}

/** The `--disable=<name>` flags a server is installed with for `k3s.components` (those not already in extraArgs). */
export function serverComponentFlags(config: HomelabConfig): string[] {
  const byArgs = disabledByFlags(config.k3s?.extraArgs ?? []);
  return disabledComponents(config.k3s?.components)
    .filter((n) => !byArgs.includes(n))
    .map((n) => `--disable=${n}`);
}
