/**
 * A service's ports as Services: named ports, the web port behind an ingress,
 * ports Compose published on the host's addresses behind a LoadBalancer
 * Service (main controller), the rest inside the cluster (ClusterIP).
 */
import type { Draft } from "./draft.ts";
import type { PortSpec, Protocol } from "./ports.ts";

/** Well-known ports by number: their usual name (never the web port's `http`, except 80). */
const KNOWN: Record<number, string> = {
  21: "ftp",
  22: "ssh",
  25: "smtp",
  53: "dns",
  67: "dhcp",
  68: "dhcp-client",
  69: "tftp",
  80: "http",
  110: "pop3",
  123: "ntp",
  139: "netbios",
  143: "imap",
  161: "snmp",
  389: "ldap",
  443: "https",
  445: "smb",
  465: "smtps",
  514: "syslog",
  546: "dhcpv6-client",
  547: "dhcpv6",
  587: "submission",
  636: "ldaps",
  853: "dns-tls",
  993: "imaps",
  995: "pop3s",
  1194: "openvpn",
  1883: "mqtt",
  1900: "ssdp",
  3306: "mysql",
  3478: "stun",
  5353: "mdns",
  5432: "postgres",
  5672: "amqp",
  6379: "redis",
  8554: "rtsp",
  8883: "mqtts",
  11211: "memcached",
  21027: "discovery",
  22000: "sync",
  27017: "mongodb",
  51820: "wireguard",
};

/** Ports of protocols that work by broadcast or multicast on the LAN, which only a host-network pod sees. */
const BROADCAST: Record<number, string> = {
  67: "DHCP",
  68: "DHCP",
  546: "DHCPv6",
  547: "DHCPv6",
  1900: "SSDP",
  5353: "mDNS",
  21027: "Syncthing discovery",
};

export interface NamedPort extends PortSpec {
  name: string;
  /** The web UI's port: named http/https and behind the ingress. */
  web: boolean;
}

const PORT_NAME = /^[a-z0-9]([-a-z0-9]{0,13}[a-z0-9])?$/;

function cleanName(name: string): string | undefined {
  const n = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 15)
    .replace(/-+$/, "");
  return PORT_NAME.test(n) && /[a-z]/.test(n) ? n : undefined;
}

const short = (p: Protocol) => p.toLowerCase();

/** The web port: the one the healthcheck fetches, else 80, else the first TCP port without a well-known use. */
function webPort(ports: readonly PortSpec[], healthPort: number | undefined): PortSpec | undefined {
  const tcp = ports.filter((p) => p.protocol === "TCP");
  return (
    tcp.find((p) => p.target === healthPort) ??
    tcp.find((p) => /^https?$/.test(p.appProtocol ?? "") || /^(https?|web|webui|ui)$/.test(p.name ?? "")) ??
    tcp.find((p) => p.target === 80) ??
    tcp.find((p) => KNOWN[p.target] === undefined)
  );
}

/** Names every port of one controller: unique, at most 15 characters, with a letter. */
export function namePorts(
  ports: readonly PortSpec[],
  healthPort?: number,
  healthScheme?: "http" | "https",
): NamedPort[] {
  const web = webPort(ports, healthPort);
  const wanted = ports.map((p) => {
    const given = p.name ? cleanName(p.name) : undefined;
    if (given) return given;
    if (p === web) return healthScheme === "https" || p.target === 443 ? "https" : "http";
    const known = KNOWN[p.target];
    return known && known !== "http" ? known : `${short(p.protocol)}-${p.target}`;
  });
  const count = (n: string) => wanted.filter((w) => w === n).length;
  const used = new Set<string>();
  return ports.map((p, i) => {
    let name = wanted[i] ?? `${short(p.protocol)}-${p.target}`;
    if (count(name) > 1 && p !== web) {
      const sameNumber = ports.filter((q, j) => wanted[j] === name && q.target === p.target).length > 1;
      name =
        cleanName(sameNumber ? `${name}-${short(p.protocol)}` : `${name}-${p.target}`) ??
        `${short(p.protocol)}-${p.target}`;
    }
    for (let n = 2; used.has(name); n++) name = cleanName(`${name.slice(0, 12)}-${n}`) ?? `p${p.target}-${n}`;
    used.add(name);
    return { ...p, name, web: p === web };
  });
}

const servicePort = (p: NamedPort, lan: boolean) => {
  const port = lan && p.published !== undefined ? p.published : p.target;
  return {
    port,
    ...(port !== p.target ? { targetPort: p.target } : {}),
    ...(p.protocol !== "TCP" ? { protocol: p.protocol } : {}),
  };
};

/** Adds the Services (and, for the main controller's web port, the ingress) of controller `cid`. */
export function draftServices(d: Draft, cid: string, ports: readonly NamedPort[]): void {
  if (!ports.length) return;
  const service = d.values.service;
  if (cid !== "main") {
    const entry: Record<string, unknown> = {};
    const map: Record<string, unknown> = {};
    for (const p of ports) {
      map[p.name] = servicePort(p, false);
      if (p.published !== undefined) {
        d.notes.add(
          map,
          p.name,
          `Compose published it on the host as ${p.published}; this Service keeps it inside the cluster. TODO: add a LoadBalancer Service if the LAN needs it.`,
        );
      }
      if (p.note) d.notes.add(map, p.name, `${p.note}.`);
    }
    Object.assign(entry, { controller: cid, ports: map });
    service[d.uniqueId(service, cid)] = entry;
    return;
  }
  const lanPorts = ports.filter((p) => p.published !== undefined && !p.web);
  const mainPorts = ports.filter((p) => !lanPorts.includes(p));
  const mainId = mainPorts.length ? "main" : undefined;
  const lanId = lanPorts.length ? (mainId ? "lan" : "main") : undefined;
  if (mainId) {
    const map: Record<string, unknown> = {};
    for (const p of mainPorts) {
      map[p.name] = servicePort(p, false);
      if (p.web && p.published !== undefined) {
        d.notes.add(
          map,
          p.name,
          `The web UI (TODO: confirm): Compose published it as ${p.published}; the ingress below serves it now.`,
        );
      } else if (p.web) d.notes.add(map, p.name, "The web UI (TODO: confirm): the ingress below serves it.");
      if (p.note) d.notes.add(map, p.name, `${p.note}.`);
    }
    service.main = { controller: "main", ports: map };
  }
  if (lanId) {
    const map: Record<string, unknown> = {};
    for (const p of lanPorts) {
      map[p.name] = servicePort(p, true);
      if (p.note) d.notes.add(map, p.name, `${p.note}.`);
      const broadcast = BROADCAST[p.target];
      if (broadcast && p.protocol === "UDP") {
        d.notes.add(
          map,
          p.name,
          `TODO: ${broadcast} works by broadcast or multicast on the LAN: it needs the host network (hostNetwork: true and its exception), not a Service.`,
        );
      }
    }
    service[lanId] = { controller: "main", type: "LoadBalancer", ports: map };
    d.notes.add(
      service,
      lanId,
      "Compose published these ports on the host's addresses: a LoadBalancer Service (k3s's ServiceLB) serves them on " +
        "the nodes' addresses. TODO: confirm, or use type NodePort.",
    );
  }
  const web = ports.find((p) => p.web);
  if (web) {
    d.values.ingress.main = {
      hosts: [
        {
          host: `${d.name}.home.arpa`,
          paths: [{ path: "/", service: { identifier: "main", port: web.name } }],
        },
      ],
    };
    d.notes.add(
      d.values.ingress,
      "main",
      `TODO: the host name the web UI is served at (${web.name}, port ${web.target}).`,
    );
  }
}
