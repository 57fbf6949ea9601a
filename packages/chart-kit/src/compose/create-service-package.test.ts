import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createServicePackage } from "./create-service-package.ts";
import { fixturePath } from "./draft.test-helpers.ts";
import { generatedFiles, packageJson, servicePackageDrift } from "./service-package-files.ts";

const repo = new URL("../../../..", import.meta.url).pathname.replace(/\/$/, "");
const temps: string[] = [];
const tempApps = () => {
  const dir = mkdtempSync(join(tmpdir(), "new-service-"));
  temps.push(dir);
  return dir;
};
afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

describe("createServicePackage", () => {
  it("writes the package from the template, with a skeleton service.ts", () => {
    const appsDir = tempApps();
    const created = createServicePackage({ name: "linkding", root: repo, appsDir });
    expect(created.dir).toBe(join(appsDir, "linkding"));
    expect(created.files).toEqual([
      "eslint.config.js",
      "package.json",
      "src/chart.test.ts",
      "src/service.ts",
      "tsconfig.json",
      "turbo.json",
      "vitest.config.ts",
    ]);
    const pkg = JSON.parse(readFileSync(join(created.dir, "package.json"), "utf8"));
    expect(pkg).toMatchObject({
      name: "@homelab/linkding",
      version: "0.1.0",
      private: true,
      exports: "./src/service.ts",
    });
    expect(pkg.description).toBe("Linkding: the service definition that generates charts/linkding.");
    expect(JSON.parse(readFileSync(join(created.dir, "turbo.json"), "utf8")).tasks).toEqual({
      build: { outputs: ["$TURBO_ROOT$/charts/linkding/**"] },
      package: { outputs: ["$TURBO_ROOT$/dist/charts/linkding-*.tgz"] },
    });
    expect(readFileSync(join(created.dir, "src/service.ts"), "utf8")).toMatch(
      /name: "linkding",[\s\S]*export const ciValues = defineCiValues/,
    );
    expect(servicePackageDrift(created.dir, "linkding")).toEqual([]);
    expect(created.warnings).toEqual([]);
  });

  it("fills service.ts from a Compose file, with the import's warnings", () => {
    const appsDir = tempApps();
    const created = createServicePackage({
      name: "photos",
      root: repo,
      appsDir,
      composeFile: fixturePath("immich.yaml"),
      service: "immich-server",
    });
    const service = readFileSync(join(created.dir, "src/service.ts"), "utf8");
    expect(service).toMatch(/^import \{ defineCiValues, defineService \} from "@homelab\/chart-kit";/);
    expect(service).toContain('name: "photos"');
    expect(service.replace(/\n\/\/ /g, " ")).toContain(
      `from ${fixturePath("immich.yaml")}: the Compose service immich-server with redis, database.`,
    );
    expect(created.warnings).toContainEqual(expect.stringMatching(/^services\.immich-server\.env_file: /));
  });

  it.each([
    [{ name: "Bad_Name" }, /"Bad_Name" is not a DNS-1123 label/],
    [
      { name: "x", composeFile: "missing.yaml" },
      /missing\.yaml does not exist\. Fix: give the path of the Compose file/,
    ],
    [{ name: "x", composeFile: fixturePath("immich.yaml") }, /services: has 4 services/],
  ])("refuses %j and writes nothing", (options, message) => {
    const appsDir = tempApps();
    expect(() => createServicePackage({ root: repo, appsDir, ...options })).toThrow(message);
    expect(readdirSync(appsDir)).toEqual([]);
  });

  it("refuses a package that exists", () => {
    expect(() => createServicePackage({ name: "jellyfin", root: repo })).toThrow(
      /^apps\/jellyfin already exists\. Fix: /,
    );
  });
});

describe("the template", () => {
  it("is what every service package in apps/ has (they are generated, not copied)", () => {
    const apps = readdirSync(join(repo, "apps")).filter((a) =>
      existsSync(join(repo, "apps", a, "package.json")),
    );
    expect(apps.length).toBeGreaterThan(0);
    for (const app of apps)
      expect([app, servicePackageDrift(join(repo, "apps", app), app)]).toEqual([app, []]);
  });

  it("reports what differs, by file and package.json key", () => {
    const appsDir = tempApps();
    const { dir } = createServicePackage({ name: "drift", root: repo, appsDir });
    const files = generatedFiles("other");
    expect(servicePackageDrift(dir, "other")).toEqual(["turbo.json", "package.json (name)"]);
    expect(files.get("turbo.json")).toContain("charts/other/**");
    expect(JSON.parse(packageJson("x", "d", "1.2.3"))).toMatchObject({
      name: "@homelab/x",
      version: "1.2.3",
      description: "d",
    });
  });
});

describe("pnpm new-service (tooling/scripts/new-service.mjs)", () => {
  const script = join(repo, "tooling", "scripts", "new-service.mjs");
  const run = (args: string[], cwd: string) => {
    try {
      return {
        status: 0,
        out: execFileSync("node", [script, ...args], {
          cwd,
          encoding: "utf8",
          env: { ...process.env, INIT_CWD: cwd },
        }),
      };
    } catch (e) {
      const err = e as { status: number; stdout: string; stderr: string };
      return { status: err.status, out: `${err.stdout}${err.stderr}` };
    }
  };

  it("creates the package from a Compose file given relative to where the user typed the command", () => {
    const appsDir = tempApps();
    const r = run(
      ["mqtt", "--from-compose", "mosquitto.yaml", "--apps-dir", appsDir],
      join(repo, "packages/chart-kit/src/compose/fixtures"),
    );
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/^Created .*\/mqtt\/: eslint\.config\.js, package\.json, /);
    expect(r.out).toContain("services.mosquitto.logging: not imported");
    expect(r.out).toContain("pnpm --filter @homelab/mqtt build");
    expect(readFileSync(join(appsDir, "mqtt", "src", "service.ts"), "utf8")).toContain(
      "from mosquitto.yaml: the Compose service mosquitto.",
    );
  }, 60_000);

  it("exits 2 with the problem and the fix on a bad name or usage; --check passes on the repository", () => {
    expect(run(["Bad_Name"], repo)).toEqual({
      status: 2,
      out: expect.stringMatching(/^new-service: "Bad_Name" is not a DNS-1123 label.*\. Fix: /),
    });
    expect(run([], repo)).toMatchObject({
      status: 2,
      out: expect.stringMatching(/^new-service: which name\?/),
    });
    expect(run(["x", "--service", "a"], repo)).toMatchObject({
      status: 2,
      out: expect.stringMatching(/--service needs --from-compose/),
    });
    expect(run(["--check"], repo)).toEqual({
      status: 0,
      out: "Every service package matches the template.\n",
    });
  }, 60_000);
});
