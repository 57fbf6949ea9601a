/**
 * The drafts the importer writes (and the new-service skeleton) type-check
 * against the real definition types with the real tsc, and become charts:
 * the build refuses only their unpinned images; pinned, they build and pass
 * `helm lint --strict` and `helm template` with the real helm.
 */
import { execFileSync } from "node:child_process";
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { helm } from "@homelab/toolbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildChart } from "../chart/build-chart.ts";
import { writeChart } from "../chart/write-chart.ts";
import type { CiValues, ServiceDefinition } from "../definition.ts";
import { definitionProblems } from "../validate.ts";
import { fixturePath } from "./draft.test-helpers.ts";
import { importCompose, type ImportComposeOptions } from "./import-compose.ts";
import { serviceSkeleton } from "./service-skeleton.ts";

const chartKit = new URL("../..", import.meta.url).pathname;
const repo = realpathSync(join(chartKit, "../.."));

/** Each draft: the fixture, the import options, and the controllers whose image the build refuses until pinned. */
const DRAFTS: [
  file: string,
  fixture: string | undefined,
  options: ImportComposeOptions,
  unpinned: string[],
][] = [
  ["pihole", "pihole.yaml", {}, ["main"]],
  [
    "immich",
    "immich.yaml",
    { service: ["immich-server", "immich-machine-learning"] },
    ["main", "machine-learning"],
  ],
  ["frigate", "frigate.yaml", {}, []],
  ["home-assistant", "home-assistant.yaml", { name: "home-assistant" }, ["main"]],
  ["mosquitto", "mosquitto.yaml", {}, []],
  ["vaultwarden", "vaultwarden.yaml", {}, []],
  ["adguard-home", "adguard-home.yaml", { name: "adguard-home" }, []],
  ["skeleton", undefined, {}, ["main"]],
];

/** A definition with a misspelled key: proves the type check can fail. */
const BROKEN = `import { defineService } from "@homelab/chart-kit";
export default defineService({
  name: "broken", description: "d", home: "h",
  values: { controllers: { main: { containres: {} } } },
});
`;

let dir: string;
let tsc: { status: number; output: string };

beforeAll(() => {
  // Inside the repository, so the draft resolves @homelab/chart-kit and the shared tsconfig as an app does.
  dir = join(repo, "apps", `.import-check-${process.pid}-${Date.now().toString(36)}`);
  const modules = join(dir, "node_modules");
  mkdirSync(join(dir, "src"), { recursive: true });
  mkdirSync(join(modules, "@homelab"), { recursive: true });
  mkdirSync(join(modules, "@types"), { recursive: true });
  symlinkSync(chartKit, join(modules, "@homelab", "chart-kit"));
  symlinkSync(join(repo, "tooling", "tsconfig"), join(modules, "@homelab", "tsconfig"));
  symlinkSync(
    realpathSync(join(chartKit, "node_modules", "@types", "node")),
    join(modules, "@types", "node"),
  );
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({ extends: "@homelab/tsconfig/base.json", include: ["src"] }),
  );
  for (const [file, fixture, options] of DRAFTS) {
    const source = fixture
      ? importCompose(readFileSync(fixturePath(fixture), "utf8"), { file: fixture, ...options }).source
      : serviceSkeleton("skeleton");
    writeFileSync(join(dir, "src", `${file}.ts`), source);
  }
  writeFileSync(join(dir, "src", "broken.ts"), BROKEN);
  try {
    const output = execFileSync(join(chartKit, "node_modules", ".bin", "tsc"), ["-p", "tsconfig.json"], {
      cwd: dir,
      encoding: "utf8",
    });
    tsc = { status: 0, output };
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    tsc = { status: err.status, output: `${err.stdout}${err.stderr}` };
  }
}, 300_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("drafts type-check with the real tsc", () => {
  it("has errors only in the deliberately broken file", () => {
    const errors = tsc.output.split("\n").filter((l) => /error TS\d+/.test(l));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.filter((l) => !l.startsWith("src/broken.ts"))).toEqual([]);
  });

  it("can fail: the misspelled key is a type error naming the file and the key", () => {
    expect(tsc.status).not.toBe(0);
    expect(tsc.output).toMatch(/src\/broken\.ts\(\d+,\d+\): error TS\d+: .*'containres'/);
  });
});

describe("drafts are formatted", () => {
  it.each(DRAFTS.map(([file]) => file))("%s is as `pnpm format` (biome) writes it", (file) => {
    const source = readFileSync(join(dir, "src", `${file}.ts`), "utf8");
    const formatted = execFileSync(
      join(repo, "node_modules", ".bin", "biome"),
      ["format", `--stdin-file-path=${join(dir, "src", `${file}.ts`)}`],
      {
        cwd: repo,
        input: source,
        encoding: "utf8",
      },
    );
    expect(source).toBe(formatted);
  });
});

describe.each(DRAFTS)("the %s draft becomes a chart", (file, _fixture, _options, unpinned) => {
  let definition: ServiceDefinition;
  let ciValues: CiValues;

  beforeAll(async () => {
    const mod = (await import(pathToFileURL(join(dir, "src", `${file}.ts`)).href)) as {
      default: ServiceDefinition;
      ciValues: CiValues;
    };
    definition = mod.default;
    ciValues = mod.ciValues;
  });

  it("is refused by the build only for its unpinned images", () => {
    expect(definitionProblems(definition)).toEqual(
      [...unpinned]
        .sort()
        .map((c) => [
          `values.controllers.${c}.containers.main.image.tag`,
          '"latest" is not a pinned tag',
          expect.any(String),
        ]),
    );
  });

  it("builds once pinned, and passes helm lint --strict and helm template with every values set", async () => {
    const controllers = definition.values.controllers ?? {};
    for (const c of unpinned) controllers[c]!.containers!.main!.image.tag = "1.0.0";
    const chartDir = join(mkdtempSync(join(tmpdir(), "import-chart-")), definition.name);
    try {
      writeChart(chartDir, buildChart({ definition, version: "0.1.0", ciValues }));
      for (const values of [[], ["-f", join(chartDir, "ci", "representative-values.yaml")]]) {
        await helm(["lint", "--strict", chartDir, ...values]);
        const { stdout } = await helm(["template", "release", chartDir, ...values]);
        expect(stdout).toMatch(/^kind: (Deployment|StatefulSet)$/m);
      }
    } finally {
      rmSync(join(chartDir, ".."), { recursive: true, force: true });
    }
  });
});
