import { describe, expect, it } from "vitest";
import { parseExpose, parsePorts, uniquePorts } from "./ports.ts";

const compose = { where: () => "compose.yaml:7" };
const at = ["services", "app", "ports"];
const parse = (value: unknown) => {
  const warnings: string[] = [];
  return { ports: parsePorts(compose, value, at, warnings), warnings };
};
const brief = (value: unknown) => parse(value).ports.map((p) => [p.target, p.protocol, p.published]);

describe("Compose ports, short syntax", () => {
  it.each([
    ["3000", [[3000, "TCP", undefined]]],
    [3000, [[3000, "TCP", undefined]]],
    ["8000:8000", [[8000, "TCP", 8000]]],
    ["49100:22", [[22, "TCP", 49100]]],
    ["53:53/udp", [[53, "UDP", 53]]],
    ["53:53/UDP", [[53, "UDP", 53]]],
    ["0.0.0.0:80:80/tcp", [[80, "TCP", 80]]],
    ["192.168.1.2:5353:5353/udp", [[5353, "UDP", 5353]]],
    [":2283:2283", [[2283, "TCP", 2283]]],
    [
      "9090-9091:8080-8081",
      [
        [8080, "TCP", 9090],
        [8081, "TCP", 9091],
      ],
    ],
    [
      "3000-3002",
      [
        [3000, "TCP", undefined],
        [3001, "TCP", undefined],
        [3002, "TCP", undefined],
      ],
    ],
    ["6060:6060/sctp", [[6060, "SCTP", 6060]]],
  ])("%j", (spec, expected) => expect(brief([spec])).toEqual(expected));

  it("treats loopback-only and random host ports as not published, with a note", () => {
    const [loop] = parse(["127.0.0.1:8000:80"]).ports;
    expect(loop?.published).toBeUndefined();
    expect(loop?.note).toMatch(/only on the host's loopback \(127\.0\.0\.1\)/);
    const [v6] = parse(["[::1]:6001:6001"]).ports;
    expect(v6?.published).toBeUndefined();
    const [random] = parse(["127.0.0.1::5000"]).ports;
    expect(random).toMatchObject({ target: 5000, note: expect.stringMatching(/loopback|random/) });
    expect(parse([":5000"]).ports[0]?.note).toMatch(/random host port/);
  });

  it("takes the first port of a host range for one container port, with a note", () => {
    const [p] = parse(["8000-8010:80"]).ports;
    expect(p).toMatchObject({
      target: 80,
      published: 8000,
      note: expect.stringMatching(/one free port of 8000-8010/),
    });
  });

  it("does not expand a range of more than 32 ports: a warning names it", () => {
    const r = parse(["10000-10100:10000-10100/udp", "80:80"]);
    expect(r.ports.map((p) => p.target)).toEqual([80]);
    expect(r.warnings).toEqual([
      expect.stringMatching(
        /^services\.app\.ports\[0\]: "10000-10100:10000-10100\/udp" is a range of 101 ports/,
      ),
    ]);
  });

  it("keeps a host port from a variable import cannot resolve as the container port, with a note", () => {
    const [p] = parse(["${WEB_PORT}:80"]).ports;
    expect(p).toMatchObject({ target: 80, published: 80, note: expect.stringMatching(/\$\{WEB_PORT\}/) });
  });
});

describe("Compose ports, long syntax", () => {
  it("reads target, published (number or text), protocol, host_ip, name and app_protocol", () => {
    const { ports } = parse([
      { target: 80, published: 8080, protocol: "tcp", name: "web", app_protocol: "http" },
      { target: 53, published: "53", protocol: "udp", mode: "host" },
      { target: 9000, host_ip: "127.0.0.1", published: 9000 },
      { target: 3000 },
    ]);
    expect(ports).toEqual([
      {
        target: 80,
        protocol: "TCP",
        published: 8080,
        name: "web",
        appProtocol: "http",
        source: "8080:80/tcp",
      },
      { target: 53, protocol: "UDP", published: 53, source: "53:53/udp" },
      expect.objectContaining({ target: 9000, note: expect.stringMatching(/loopback/) }),
      { target: 3000, protocol: "TCP", source: "3000/tcp" },
    ]);
  });
});

describe("Compose ports, errors", () => {
  it.each([
    [["80:http"], /services\.app\.ports\[0\]: container port "http" is not a port number/],
    [["70000:80"], /host port "70000" is not a port number/],
    [["53:53/icmp"], /protocol "icmp" is not tcp, udp or sctp/],
    [["1:2:3:4"], /"1:2:3:4" is not a port mapping/],
    [["8000-8001:80-82"], /maps 3 container ports onto 2 host ports/],
    [[{ published: 80 }], /services\.app\.ports\[0\]: has no target/],
    ["80:80", /services\.app\.ports: is not a list/],
  ])("%j", (value, message) => {
    expect(() => parse(value)).toThrow(message);
    expect(() => parse(value)).toThrow(/^compose\.yaml:7: .*\. Fix: /);
  });
});

describe("expose and repeats", () => {
  it("reads expose as unpublished container ports", () => {
    expect(
      parseExpose(compose, ["3000", 8080, "5000/udp"], ["services", "app", "expose"], []).map((p) => [
        p.target,
        p.protocol,
        p.published,
      ]),
    ).toEqual([
      [3000, "TCP", undefined],
      [8080, "TCP", undefined],
      [5000, "UDP", undefined],
    ]);
  });

  it("keeps one entry per container port and protocol, preferring a published one", () => {
    const ports = uniquePorts([...parse(["127.0.0.1:80:80", "80:80", "80:80/udp"]).ports]);
    expect(ports.map((p) => [p.target, p.protocol, p.published])).toEqual([
      [80, "TCP", 80],
      [80, "UDP", 80],
    ]);
  });
});
