import { describe, expect, it } from "vitest";
import type { HomelabConfig, HostConfig } from "../config/schema.ts";
import { HomelabConfigSchema } from "../config/schema.ts";
import { validateConfig } from "../config/validate-config.ts";
import { hostViolations, serverUrl } from "./host-checks.ts";

const host = (address: string, extra: Partial<HostConfig> = {}): HostConfig => ({
  name: "nas",
  role: "server",
  address,
  ...extra,
});
const config = (hosts: HostConfig[], extraArgs?: string[]): HomelabConfig => ({
  hosts,
  ...(extraArgs ? { k3s: { extraArgs } } : {}),
  services: {},
});
/** The fields the schema refuses, as `hosts.0.user`. */
const refused = (c: unknown) => [
  ...new Set(validateConfig(c, HomelabConfigSchema).map((v) => v.path.join("."))),
];

describe("hosts and k3s.extraArgs: the schema admits only what each field means", () => {
  it("addresses: host names, IPv4, IPv6 and local; nothing with shell or ssh syntax", () => {
    for (const ok of [
      "local",
      "nas",
      "nas.lan",
      "pi-1.home.arpa",
      "192.168.1.10",
      "fd00::10",
      "::1",
      "::ffff:10.0.0.1",
    ])
      expect(refused(config([host(ok)])), ok).toEqual([]);
    for (const bad of [
      "127.0.0.1' ; touch /tmp/p ; echo '",
      "$(touch /tmp/p)",
      "-oProxyCommand=touch /tmp/p",
      "nas lan",
      "nas\n",
      "[fd00::1]",
      "fe80::1%eth0",
      "999.1.1.1",
      "10.0.0",
      "-nas",
      "nas-",
      "a".repeat(254),
      "root@nas",
      "",
    ])
      expect(refused(config([host(bad)])), JSON.stringify(bad)).toEqual(["hosts.0.address"]);
  });

  it("users: POSIX user names only", () => {
    for (const ok of ["root", "pi", "_svc", "deploy-bot", "a.b"])
      expect(refused(config([host("nas", { user: ok })])), ok).toEqual([]);
    for (const bad of [
      "-oProxyCommand=touch /tmp/p",
      "pi;id",
      "pi pi",
      "1pi",
      "pi@nas",
      "a".repeat(33),
      "pi\n",
    ])
      expect(refused(config([host("nas", { user: bad })])), JSON.stringify(bad)).toEqual(["hosts.0.user"]);
  });

  it("extraArgs: each one --flag or --flag=value token", () => {
    const ok = [
      "--disable=servicelb",
      "--cluster-init",
      "--node-label=zone=attic",
      "--kubelet-arg=eviction-hard=memory.available<5%",
      "--tls-san=nas.lan",
    ];
    expect(refused(config([host("nas")], ok))).toEqual([]);
    for (const bad of [
      "--disable=servicelb' ; touch /tmp/p ; echo '",
      "--node-label=a b",
      "--node-label=a\nb",
      '--x="y"',
      "--x=a\\b",
      "-x",
      "disable",
      "--",
      "--Flag",
      "--x=\u0007",
    ])
      expect(refused(config([host("nas")], [bad])), JSON.stringify(bad)).toEqual(["k3s.extraArgs.0"]);
  });
});

describe("hostViolations", () => {
  it("refuses an address of IPv6 form that is not one", () => {
    expect(hostViolations(config([host("fd00:::1")]))).toEqual([
      expect.objectContaining({
        path: ["hosts", 0, "address"],
        problem: '"fd00:::1" is not an IPv6 address',
      }),
    ]);
    expect(hostViolations(config([host("fd00::1")]))).toEqual([]);
  });

  it("refuses a local first server when other hosts must join it, naming them", () => {
    const agent = host("10.0.0.2", { name: "mini", role: "agent" });
    expect(hostViolations(config([host("local")]))).toEqual([]);
    expect(
      hostViolations(config([host("10.0.0.1"), { ...host("local"), name: "mini", role: "agent" }])),
    ).toEqual([]);
    const [v, ...rest] = hostViolations(config([host("local"), agent]));
    expect(rest).toEqual([]);
    expect(v).toMatchObject({ path: ["hosts", 0, "address"] });
    expect(v!.problem).toBe(
      "the first server is local, but mini must join it at an address they reach, and local is 127.0.0.1 on each of them",
    );
    expect(
      hostViolations(config([host("10.0.0.1"), host("local", { name: "a" }), host("local", { name: "b" })])),
    ).toEqual([expect.objectContaining({ path: ["hosts", 2, "address"] })]);
  });

  it("serverUrl: IPv6 in brackets, local as 127.0.0.1", () => {
    expect(serverUrl(host("10.0.0.1"))).toBe("https://10.0.0.1:6443");
    expect(serverUrl(host("nas.lan"))).toBe("https://nas.lan:6443");
    expect(serverUrl(host("fd00::10"))).toBe("https://[fd00::10]:6443");
    expect(serverUrl(host("local"))).toBe("https://127.0.0.1:6443");
  });
});
