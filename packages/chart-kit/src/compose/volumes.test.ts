import { describe, expect, it } from "vitest";
import { isHostPath, parseTmpfs, parseVolumes } from "./volumes.ts";

const compose = { where: () => "compose.yaml:12" };
const at = ["services", "app", "volumes"];
const parse = (value: unknown, warnings: string[] = []) => parseVolumes(compose, value, at, warnings);

describe("Compose volumes, short syntax", () => {
  it.each([
    [
      "db-data:/var/lib/postgresql/data",
      { kind: "named", source: "db-data", target: "/var/lib/postgresql/data", readOnly: false },
    ],
    ["./config:/config:ro", { kind: "bind", source: "./config", target: "/config", readOnly: true }],
    ["./vw-data/:/data/", { kind: "bind", source: "./vw-data", target: "/data", readOnly: false }],
    [
      "/etc/localtime:/etc/localtime:ro",
      { kind: "bind", source: "/etc/localtime", target: "/etc/localtime", readOnly: true },
    ],
    ["~/media:/media:rw,z", { kind: "bind", source: "~/media", target: "/media", readOnly: false }],
    [
      "${UPLOAD_LOCATION}:/data",
      { kind: "bind", source: "${UPLOAD_LOCATION}", target: "/data", readOnly: false },
    ],
    ["/var/lib/mysql", { kind: "anonymous", target: "/var/lib/mysql", readOnly: false }],
  ])("%s", (text, expected) => expect(parse([text])).toEqual([{ ...expected, text }]));
});

describe("Compose volumes, long syntax", () => {
  it("reads bind, volume (with subpath), tmpfs (with size) and read_only", () => {
    expect(
      parse([
        { type: "bind", source: "./media", target: "/media", read_only: true },
        { type: "volume", source: "cache", target: "/cache", volume: { subpath: "models" } },
        { type: "tmpfs", target: "/tmp/cache", tmpfs: { size: 1000000000 } },
        { source: "named", target: "/named" },
      ]),
    ).toEqual([
      expect.objectContaining({ kind: "bind", source: "./media", target: "/media", readOnly: true }),
      expect.objectContaining({ kind: "named", source: "cache", target: "/cache", subPath: "models" }),
      expect.objectContaining({ kind: "tmpfs", target: "/tmp/cache", sizeBytes: 1e9 }),
      expect.objectContaining({ kind: "named", source: "named", target: "/named" }),
    ]);
  });

  it("warns about volume types with no Kubernetes equivalent instead of dropping them silently", () => {
    const warnings: string[] = [];
    expect(
      parse([{ type: "npipe", source: "\\\\.\\pipe\\docker_engine", target: "/pipe" }], warnings),
    ).toEqual([]);
    expect(warnings).toEqual([expect.stringMatching(/^services\.app\.volumes\[0\]: a volume of type npipe/)]);
  });

  it("names the file, line and key of a wrong entry", () => {
    expect(() => parse(["data:relative/path"])).toThrow(
      /^compose\.yaml:12: services\.app\.volumes\[0\]: container path "relative\/path" is not absolute\. Fix: /,
    );
    expect(() => parse([{ type: "bind", target: "/x" }])).toThrow(/bind mount without source/);
    expect(() => parse("./a:/a")).toThrow(/services\.app\.volumes: is not a list/);
  });
});

describe("tmpfs and host paths", () => {
  it("reads tmpfs as a path or a list, with size options", () => {
    expect(parseTmpfs(compose, "/run", ["services", "app", "tmpfs"])).toEqual([
      { kind: "tmpfs", target: "/run", readOnly: false, text: "/run" },
    ]);
    expect(parseTmpfs(compose, ["/tmp:size=64m,mode=1777"], ["services", "app", "tmpfs"])[0]).toMatchObject({
      target: "/tmp",
      sizeBytes: 64 * 1024 ** 2,
    });
  });

  it("tells host paths from volume names", () => {
    expect(["/srv", "./x", "../x", "~/x", "${DIR}", "a/b"].map(isHostPath)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(["data", "db_data", "model-cache"].map(isHostPath)).toEqual([false, false, false]);
  });
});
