/**
 * Compose `ports` (short syntax in every form, and long syntax) and `expose`, as
 * a list of container ports with where Compose published them.
 */
import type { ComposeFile, KeyPath } from "./compose-file.ts";
import { fail, isObj, pathText } from "./compose-file.ts";
import { placeholdersIn } from "./interpolate.ts";

export type Protocol = "TCP" | "UDP" | "SCTP";

export interface PortSpec {
  /** The container port. */
  target: number;
  protocol: Protocol;
  /** The host port, when Compose published the port on the host's LAN addresses. */
  published?: number;
  /** Why a published port is not treated as published on the LAN, or a note on it. */
  note?: string;
  /** Long syntax `name`. */
  name?: string;
  /** Long syntax `app_protocol`. */
  appProtocol?: string;
  /** The Compose entry, for comments. */
  source: string;
}

/** Ranges longer than this are not expanded into Service ports. */
export const MAX_RANGE = 32;

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

type Where = Pick<ComposeFile, "where">;

function portNumber(compose: Where, at: KeyPath, text: string, what: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > 65535) {
    fail(
      compose,
      at,
      `${what} "${text}" is not a port number`,
      "use a number from 1 to 65535, or a range like 8000-8010",
    );
  }
  return n;
}

function range(compose: Where, at: KeyPath, text: string, what: string): number[] {
  const [from, to, extra] = text.split("-");
  if (extra !== undefined || from === undefined)
    fail(
      compose,
      at,
      `${what} "${text}" is not a port or range`,
      "write a port (8080) or a range (8000-8010)",
    );
  const a = portNumber(compose, at, from, what);
  if (to === undefined) return [a];
  const b = portNumber(compose, at, to, what);
  if (b < a) fail(compose, at, `${what} range "${text}" ends before it starts`, "write the lower port first");
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}

function protocolOf(compose: Where, at: KeyPath, text: string | undefined): Protocol {
  const p = (text ?? "tcp").toLowerCase();
  if (p !== "tcp" && p !== "udp" && p !== "sctp") {
    fail(compose, at, `protocol "${text}" is not tcp, udp or sctp`, "use tcp, udp or sctp");
  }
  return p.toUpperCase() as Protocol;
}

interface Parts {
  hostIp?: string;
  published?: string;
  target: string;
  protocol?: string;
}

/** Splits `[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]`. */
function splitShort(compose: Where, at: KeyPath, text: string): Parts {
  let s = text.trim();
  let protocol: string | undefined;
  const slash = s.lastIndexOf("/");
  if (slash >= 0) {
    protocol = s.slice(slash + 1);
    s = s.slice(0, slash);
  }
  let hostIp: string | undefined;
  if (s.startsWith("[")) {
    const close = s.indexOf("]:");
    if (close < 0) fail(compose, at, `"${text}" has an unclosed IPv6 address`, 'write it as "[::1]:8080:80"');
    hostIp = s.slice(1, close);
    s = s.slice(close + 2);
  }
  const parts = s.split(":");
  if (parts.length === 3 && hostIp === undefined) hostIp = parts.shift();
  if (parts.length > 2) {
    fail(
      compose,
      at,
      `"${text}" is not a port mapping`,
      'write [HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL], e.g. "53:53/udp"',
    );
  }
  const target = parts.pop() ?? "";
  const published = parts.pop();
  return {
    target,
    ...(protocol !== undefined ? { protocol } : {}),
    ...(hostIp !== undefined ? { hostIp } : {}),
    ...(published !== undefined ? { published } : {}),
  };
}

/** One entry expanded into ports; `notes` collects what a person should know. */
function expand(
  compose: Where,
  at: KeyPath,
  p: Parts,
  extra: Omit<PortSpec, "target" | "protocol" | "source">,
  source: string,
  warnings: string[],
): PortSpec[] {
  const protocol = protocolOf(compose, at, p.protocol);
  const targets = range(compose, at, p.target, "container port");
  const base = { protocol, source, ...extra };
  let published: (number | undefined)[] = targets.map(() => undefined);
  let note: string | undefined;
  const pub = p.published?.trim();
  if (pub && placeholdersIn(pub).length) {
    note = `Compose published it on the host port ${pub}, which import cannot resolve`;
    published = targets;
  } else if (pub) {
    const hosts = range(compose, at, pub, "host port");
    if (hosts.length === targets.length) published = hosts;
    else if (targets.length === 1) {
      published = [hosts[0]];
      note = `Compose published it on one free port of ${pub}; this draft uses the first`;
    } else {
      fail(
        compose,
        at,
        `"${source}" maps ${targets.length} container ports onto ${hosts.length} host ports`,
        "give ranges of the same length",
      );
    }
  } else if (pub === "") {
    note = "Compose published it on a random host port";
  }
  if (p.hostIp && LOOPBACK.test(p.hostIp) && published.some((x) => x !== undefined)) {
    note = `Compose published it only on the host's loopback (${p.hostIp}), not on the LAN`;
    published = targets.map(() => undefined);
  }
  if (targets.length > MAX_RANGE) {
    warnings.push(
      `${pathText(at)}: "${source}" is a range of ${targets.length} ports, more than ${MAX_RANGE}: not imported. ` +
        "Fix: add the ports the service really needs to service.main.ports",
    );
    return [];
  }
  return targets.map((target, i) => {
    const host = published[i];
    return { ...base, target, ...(host !== undefined ? { published: host } : {}), ...(note ? { note } : {}) };
  });
}

/** The ports of a Compose `ports` list. `at` is its key path; `warnings` collects ranges not imported. */
export function parsePorts(compose: Where, value: unknown, at: KeyPath, warnings: string[]): PortSpec[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value))
    fail(compose, at, "is not a list", 'write it as a list, e.g. ports: ["8080:80"]');
  const out: PortSpec[] = [];
  value.forEach((entry: unknown, i) => {
    const here = [...at, i];
    if (typeof entry === "number" || typeof entry === "string") {
      const text = String(entry);
      out.push(...expand(compose, here, splitShort(compose, here, text), {}, text, warnings));
    } else if (isObj(entry)) {
      if (entry.target === undefined)
        fail(compose, here, "has no target", "give the container port as target:");
      const parts: Parts = {
        target: String(entry.target),
        ...(entry.protocol !== undefined ? { protocol: String(entry.protocol) } : {}),
        ...(entry.host_ip !== undefined ? { hostIp: String(entry.host_ip) } : {}),
        ...(entry.published !== undefined ? { published: String(entry.published) } : {}),
      };
      const extra = {
        ...(typeof entry.name === "string" ? { name: entry.name } : {}),
        ...(typeof entry.app_protocol === "string" ? { appProtocol: entry.app_protocol } : {}),
      };
      const source = `${parts.hostIp ? `${parts.hostIp}:` : ""}${parts.published ? `${parts.published}:` : ""}${parts.target}/${(parts.protocol ?? "tcp").toLowerCase()}`;
      out.push(...expand(compose, here, parts, extra, source, warnings));
    } else {
      fail(
        compose,
        here,
        "is neither a port mapping nor a mapping with target:",
        'write "8080:80" or { target: 80, published: 8080 }',
      );
    }
  });
  return out;
}

/** The ports of a Compose `expose` list (container ports, never published). */
export function parseExpose(compose: Where, value: unknown, at: KeyPath, warnings: string[]): PortSpec[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) fail(compose, at, "is not a list", 'write it as a list, e.g. expose: ["3000"]');
  return value.flatMap((entry: unknown, i) => {
    const text = String(entry);
    const [target = "", protocol] = text.split("/");
    return expand(compose, [...at, i], { target, ...(protocol ? { protocol } : {}) }, {}, text, warnings);
  });
}

/** Ports without repeats of one container port and protocol (the first wins, a published one over not). */
export function uniquePorts(ports: readonly PortSpec[]): PortSpec[] {
  const byKey = new Map<string, PortSpec>();
  for (const p of ports) {
    const key = `${p.target}/${p.protocol}`;
    const seen = byKey.get(key);
    if (!seen || (seen.published === undefined && p.published !== undefined)) byKey.set(key, p);
  }
  return [...byKey.values()];
}
