import { isIPv6 } from "node:net";
import type { HomelabConfig, HostConfig } from "../config/schema.ts";
import type { ConfigViolation } from "../config/validate-config.ts";

/** The port k3s servers serve the Kubernetes API (and agents join) on. */
const API_PORT = 6443;

/**
 * The URL of the first server's API as the other hosts (`K3S_URL`) and the kubeconfig
 * reach it: an IPv6 address in brackets; `local` is 127.0.0.1, which only this machine
 * reaches (hostViolations refuses it when other hosts join).
 */
export function serverUrl(server: HostConfig): string {
  const host = server.address === "local" ? "127.0.0.1" : server.address;
  return `https://${isIPv6(host) ? `[${host}]` : host}:${API_PORT}`;
}

/**
 * What the schema's patterns cannot say about `hosts`: an address of IPv6 form must be an
 * IPv6 address; `local` only once; and a first server at `local` only without other hosts,
 * which would join it at 127.0.0.1, themselves.
 */
export function hostViolations(config: HomelabConfig): ConfigViolation[] {
  const hosts = config.hosts ?? [];
  const out: ConfigViolation[] = [];
  hosts.forEach((h, i) => {
    if (h.address.includes(":") && !isIPv6(h.address))
      out.push({
        path: ["hosts", i, "address"],
        problem: `${JSON.stringify(h.address)} is not an IPv6 address`,
        fix: "write an IPv6 address without brackets or zone, e.g. fd00::10, or a host name or IPv4 address",
      });
  });
  const locals = hosts.flatMap((h, i) => (h.address === "local" ? [i] : []));
  for (const i of locals.slice(1))
    out.push({
      path: ["hosts", i, "address"],
      problem: `hosts.${locals[0]} is already local (this machine); one machine is one host`,
      fix: "give this host its own address, or remove it",
    });
  const first = hosts.findIndex((h) => h.role === "server");
  if (first >= 0 && hosts[first]!.address === "local" && hosts.length > 1) {
    const others = hosts.filter((_, i) => i !== first).map((h) => h.name);
    out.push({
      path: ["hosts", first, "address"],
      problem: `the first server is local, but ${others.join(", ")} must join it at an address they reach, and local is 127.0.0.1 on each of them`,
      fix: `write this machine's address on your network (e.g. 192.168.1.10 or nas.lan) so ${others.join(", ")} can join it; it is then reached over SSH like the others`,
    });
  }
  return out;
}
