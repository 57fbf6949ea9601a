/**
 * The release CLI fed hostile and malformed command lines and host entries: each stops
 * before anything runs, with the documented exit code, the option or field named and no
 * stack trace; no payload runs and no file changes in the repository or in $HOME.
 */
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { fingerprint, releaseCli, throwawayRepo } from "./hostile-input.ts";

interface Case {
  name: string;
  args?: string[];
  /** The config's hosts and k3s (the payload gets the marker path as MARKER). */
  config?: { hosts?: unknown[]; k3s?: unknown };
  exitCode: number;
  /** What stderr must name: the option or the config field. */
  names: string;
}

const server = (extra: Record<string, unknown>) => ({
  name: "nas",
  role: "server",
  address: "10.0.0.1",
  ...extra,
});
const agent = { name: "mini", role: "agent", address: "10.0.0.2" };

const CASES: Case[] = [
  { name: "--concurrency 1e1", args: ["--concurrency", "1e1"], exitCode: 2, names: '--concurrency "1e1"' },
  { name: "--concurrency 0x10", args: ["--concurrency", "0x10"], exitCode: 2, names: '--concurrency "0x10"' },
  { name: "--concurrency 100000", args: ["--concurrency", "100000"], exitCode: 2, names: "from 1 to 64" },
  { name: "--concurrency 0", args: ["--concurrency", "0"], exitCode: 2, names: "--concurrency" },
  { name: "--timeout -5", args: ["--timeout=-5"], exitCode: 2, names: "--timeout" },
  { name: "--timeout ' 60'", args: ["--timeout", " 60"], exitCode: 2, names: "--timeout" },
  { name: "--lock-timeout 1.5", args: ["--lock-timeout", "1.5"], exitCode: 2, names: "--lock-timeout" },
  {
    name: "--delete-data without --prune",
    args: ["--delete-data"],
    exitCode: 2,
    names: "--delete-data without --prune",
  },
  {
    name: "--keep without the sandbox",
    args: ["--keep"],
    exitCode: 2,
    names: "--keep without --target sandbox",
  },
  { name: "--target payload", args: ["--target", "$(touch MARKER)"], exitCode: 2, names: "--target" },
  { name: "unknown option", args: ["--post-renderer=/tmp/x.sh"], exitCode: 2, names: "--post-renderer" },
  {
    name: "--kubeconfig missing",
    args: ["--kubeconfig", "/nonexistent/kubeconfig"],
    exitCode: 2,
    names: "--kubeconfig",
  },
  {
    name: "address closing the quotes",
    config: { hosts: [server({ address: "127.0.0.1' ; touch MARKER ; echo '" })] },
    exitCode: 2,
    names: "hosts.0.address",
  },
  {
    name: "address command substitution",
    config: { hosts: [server({ address: "$(touch MARKER)" })] },
    exitCode: 2,
    names: "hosts.0.address",
  },
  {
    name: "address as an ssh option",
    config: { hosts: [server({ address: "-oProxyCommand=touch MARKER" })] },
    exitCode: 2,
    names: "hosts.0.address",
  },
  {
    name: "address in brackets",
    config: { hosts: [server({ address: "[fd00::1]" })] },
    exitCode: 2,
    names: "hosts.0.address",
  },
  {
    name: "address not IPv6",
    config: { hosts: [server({ address: "fd00:::1" })] },
    exitCode: 2,
    names: "hosts.0.address",
  },
  {
    name: "local server with an agent",
    config: { hosts: [server({ address: "local" }), agent] },
    exitCode: 2,
    names: "hosts.0.address",
  },
  {
    name: "user as an ssh option",
    config: { hosts: [server({ user: "-oProxyCommand=touch MARKER" })] },
    exitCode: 2,
    names: "hosts.0.user",
  },
  {
    name: "user with a newline",
    config: { hosts: [server({ user: "pi\ntouch MARKER" })] },
    exitCode: 2,
    names: "hosts.0.user",
  },
  {
    name: "extraArgs closing the quotes",
    config: { hosts: [server({})], k3s: { extraArgs: ["--disable=servicelb' ; touch MARKER ; echo '"] } },
    exitCode: 2,
    names: "k3s.extraArgs.0",
  },
  {
    name: "extraArgs adding a flag",
    config: { hosts: [server({})], k3s: { extraArgs: ["--node-label=a --token=x"] } },
    exitCode: 2,
    names: "k3s.extraArgs.0",
  },
  {
    name: "extraArgs not a flag",
    config: { hosts: [server({})], k3s: { extraArgs: ["$(touch MARKER)"] } },
    exitCode: 2,
    names: "k3s.extraArgs.0",
  },
  { name: "port out of range", config: { hosts: [server({ port: 0 })] }, exitCode: 2, names: "hosts.0.port" },
];

describe("the release CLI and hostile input: refused before anything runs, nothing written, no payload run", () => {
  it.each(CASES)(
    "$name",
    async (c) => {
      const config = { hosts: [server({})], services: {}, ...c.config };
      const box = throwawayRepo("");
      const text = YAML.stringify(JSON.parse(JSON.stringify(config).replaceAll("MARKER", box.marker)));
      writeFileSync(join(box.repo, "homelab.yaml"), text);
      const args = (c.args ?? []).map((a) => a.replaceAll("MARKER", box.marker));
      const before = [...fingerprint(box.repo), ...fingerprint(box.home)];
      for (const json of [false, true]) {
        const r = await releaseCli(box, json ? [...args, "--json"] : args);
        expect(r.exitCode, r.stderr).toBe(c.exitCode);
        expect(r.stderr).toContain(c.names.replaceAll("MARKER", box.marker));
        expect(r.stderr).not.toMatch(/unexpected error|\n\s+at /);
        if (json) {
          const report = JSON.parse(r.stdout) as {
            ok: boolean;
            error: { exitCode: number; message: string; field?: string };
          };
          expect(report).toMatchObject({ ok: false, error: { exitCode: c.exitCode } });
          if (c.names.startsWith("hosts.") || c.names.startsWith("k3s."))
            expect(report.error).toMatchObject({ file: "homelab.yaml", field: c.names });
        } else expect(r.stdout).toBe("");
      }
      expect(existsSync(box.marker)).toBe(false);
      expect([...fingerprint(box.repo), ...fingerprint(box.home)]).toEqual(before);
    },
    60_000,
  );
});
