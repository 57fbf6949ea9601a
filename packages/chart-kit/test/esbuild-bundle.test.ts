import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { execa } from "execa";
import { afterAll, describe, expect, it } from "vitest";
import type { BundleSpec } from "../bin/esbuild-bundle.js";
import { buildBundle, ensureBuilt, entryUrl, locateBundle } from "../bin/esbuild-bundle.js";

const bundleModule = pathToFileURL(fileURLToPath(new URL("../bin/esbuild-bundle.js", import.meta.url))).href;
const work = mkdtempSync(join(tmpdir(), "esbuild-bundle-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A package of TypeScript files under the test's directory, and its bundle's spec. */
function fakePackage(name: string, files: Record<string, string>, entry: string): BundleSpec {
  const packageDir = join(work, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(packageDir, file, ".."), { recursive: true });
    writeFileSync(join(packageDir, file), text);
  }
  return {
    name,
    packageDir,
    distDir: join(packageDir, "dist"),
    entryPoints: { [name]: entry },
    buildFiles: [],
  };
}

const kit = fakePackage("kit", { "src/index.ts": "export const marker: object = {};\n" }, "./src/index.ts");
const app = fakePackage(
  "app",
  {
    "src/main.ts": [
      'import { marker } from "the-kit";',
      "export const kitMarker = marker;",
      'export const dataFile = new URL("./data.txt", import.meta.url).href;',
      'export const later = () => import("./later.ts");',
      "",
    ].join("\n"),
    "src/later.ts": 'export const text = "loaded when called";\n',
  },
  "./src/main.ts",
);

describe("esbuild bundles of the CLIs", () => {
  it("links a specifier to another bundle's entry: one copy of its module in the process", async () => {
    const kitBundle = await ensureBuilt(kit);
    const links = { "the-kit": { bundle: kitBundle, entry: "kit" } };
    const appBundle = await ensureBuilt(app, links);
    const main = readFileSync(join(appBundle.dir, "app.js"), "utf8");
    expect(main).toContain('from "../../kit/dist/kit.js"');
    const [k, a] = await Promise.all([
      import(entryUrl(kitBundle, "kit")),
      import(entryUrl(appBundle, "app")),
    ]);
    expect(a.kitMarker).toBe(k.marker);
    // import.meta.url keeps meaning the source file, wherever the chunk is written.
    expect(a.dataFile).toBe(pathToFileURL(join(app.packageDir, "src", "data.txt")).href);
    expect((await a.later()).text).toBe("loaded when called");
  });

  it("at run time uses dist/ when fresh, else builds privately without touching dist/", async () => {
    const kitBundle = await ensureBuilt(kit);
    const links = { "the-kit": { bundle: kitBundle, entry: "kit" } };
    await ensureBuilt(app, links);
    expect((await locateBundle(app, links)).dir).toBe(app.distDir);
    const manifest = readFileSync(join(app.distDir, "app.bundle.json"), "utf8");
    utimesSync(join(app.packageDir, "src", "later.ts"), new Date(), new Date());
    const stale = await locateBundle(app, links);
    expect(stale.dir).not.toBe(app.distDir);
    expect(stale.dir.startsWith(tmpdir())).toBe(true);
    expect(readFileSync(join(app.distDir, "app.bundle.json"), "utf8")).toBe(manifest);
    // A kit rebuilt to something else makes the app's dist/ stale too (it is bound to that kit).
    await ensureBuilt(app, links);
    const otherKit = await buildBundle(kit, join(work, "other-kit"));
    expect(otherKit.id).toBe(kitBundle.id);
    expect((await locateBundle(app, { "the-kit": { bundle: otherKit, entry: "kit" } })).dir).not.toBe(
      app.distDir,
    );
  });

  it("runs a CLI's sources through tsx when they cannot be bundled (only what the command imports loads)", async () => {
    const broken = fakePackage(
      "broken",
      {
        "package.json": '{ "type": "module" }\n',
        "src/cli.ts":
          'export const main = (): string => "from the sources";\nexport const later = () => import("./gone.ts");\n',
      },
      "./src/cli.ts",
    );
    const source = pathToFileURL(join(broken.packageDir, "src", "cli.ts")).href;
    const script = [
      `const b = await import(${JSON.stringify(bundleModule)});`,
      `const spec = ${JSON.stringify(broken)};`,
      `const m = await b.loadCliModule("broken", () => b.locateBundle(spec), ${JSON.stringify(source)});`,
      "process.stdout.write(m.main());",
    ].join("\n");
    const r = await execa("node", ["--input-type=module", "-e", script]);
    expect(r.stdout).toBe("from the sources");
    expect(r.stderr).toMatch(
      /broken: cannot bundle the sources \(.*Could not resolve "\.\/gone\.ts"\); running them through tsx/,
    );
  });
});
