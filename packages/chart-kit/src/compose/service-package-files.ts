/**
 * The files of a service package (`apps/<name>`) other than `src/service.ts`,
 * from one template: what `pnpm new-service` writes, and what a drift check
 * compares existing packages with, so they are generated, never copied and edited.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** Scripts, dependencies and the rest every service package has (the template owns them). */
export const SERVICE_PACKAGE_TEMPLATE = {
  private: true,
  type: "module",
  exports: "./src/service.ts",
  scripts: {
    build: "homelab-chart build",
    "chart-lint": "homelab-chart lint",
    check: "homelab-chart check",
    lint: "eslint .",
    package: "homelab-chart package",
    test: "vitest run",
    typecheck: "tsc -p tsconfig.json",
  },
  dependencies: { "@homelab/chart-kit": "workspace:*" },
  devDependencies: {
    "@homelab/eslint-config": "workspace:*",
    "@homelab/test-harness": "workspace:*",
    "@homelab/tsconfig": "workspace:*",
    "@homelab/vitest-config": "workspace:*",
    "@types/node": "^20.19.0",
    eslint: "^9.30.0",
    typescript: "~5.9.0",
    vitest: "^4.0.0",
  },
} as const;

/** The package.json keys the template owns; `name` follows the directory, `version` and `description` are the package's. */
export const TEMPLATE_KEYS = [
  "name",
  "private",
  "type",
  "exports",
  "scripts",
  "dependencies",
  "devDependencies",
] as const;

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** package.json of a new service package. */
export function packageJson(name: string, description: string, version = "0.1.0"): string {
  const t = SERVICE_PACKAGE_TEMPLATE;
  return json({
    name: `@homelab/${name}`,
    version,
    private: t.private,
    description,
    type: t.type,
    exports: t.exports,
    scripts: t.scripts,
    dependencies: t.dependencies,
    devDependencies: t.devDependencies,
  });
}

/** Every generated file of package `name` but package.json and src/service.ts, by path. */
export function generatedFiles(name: string): Map<string, string> {
  return new Map([
    [
      "tsconfig.json",
      '{\n  "extends": "@homelab/tsconfig/base.json",\n  "include": ["src", "vitest.config.ts"]\n}\n',
    ],
    ["eslint.config.js", 'export { default } from "@homelab/eslint-config";\n'],
    [
      "vitest.config.ts",
      'import { homelabVitest } from "@homelab/vitest-config";\n\nexport default homelabVitest();\n',
    ],
    [
      "turbo.json",
      // As Biome formats it (short arrays on one line), so a new package passes `pnpm format:check`.
      [
        "{",
        '  "$schema": "https://turborepo.com/schema.json",',
        '  "extends": ["//"],',
        '  "tasks": {',
        '    "build": {',
        `      "outputs": ["$TURBO_ROOT$/charts/${name}/**"]`,
        "    },",
        '    "package": {',
        `      "outputs": ["$TURBO_ROOT$/dist/charts/${name}-*.tgz"]`,
        "    }",
        "  }",
        "}",
        "",
      ].join("\n"),
    ],
    [
      "src/chart.test.ts",
      'import { describeChart } from "@homelab/test-harness";\n\nawait describeChart(new URL("..", import.meta.url));\n',
    ],
  ]);
}

/** JSON files compare by content (formatting aside); the others by text. */
function same(path: string, actual: string, expected: string): boolean {
  if (!path.endsWith(".json")) return actual === expected;
  try {
    return JSON.stringify(JSON.parse(actual)) === JSON.stringify(JSON.parse(expected));
  } catch {
    return false;
  }
}

/** Where an existing package differs from the template: file paths (package.json with the keys). */
export function servicePackageDrift(dir: string, name: string): string[] {
  const drift: string[] = [];
  for (const [path, content] of generatedFiles(name)) {
    const file = join(dir, path);
    if (!existsSync(file) || !same(path, readFileSync(file, "utf8"), content)) drift.push(path);
  }
  const pkgFile = join(dir, "package.json");
  if (!existsSync(pkgFile)) return [...drift, "package.json"];
  const actual = JSON.parse(readFileSync(pkgFile, "utf8")) as Record<string, unknown>;
  const expected = JSON.parse(packageJson(name, "")) as Record<string, unknown>;
  const keys = TEMPLATE_KEYS.filter((k) => JSON.stringify(actual[k]) !== JSON.stringify(expected[k]));
  if (keys.length) drift.push(`package.json (${keys.join(", ")})`);
  return drift;
}
