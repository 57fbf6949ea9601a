import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { afterAll, describe, expect, it } from "vitest";
import type { HelmBinary } from "./helm.ts";
import { HelmCommandError } from "./helm.ts";
import { helmTemplate, stopHelmRenderer } from "./helm-render.ts";
import { findRepoRoot } from "./repo-root.ts";
import { findTool } from "./tools.ts";

const here = dirname(fileURLToPath(import.meta.url));
const root = findRepoRoot(here);
const probe = join(here, "fixtures", "render-probe");
// helm's own dirs in a throwaway home: the test writes nothing into the repository or $HOME.
const work = mkdtempSync(join(tmpdir(), "helm-render-test-"));
const helmEnv = {
  HELM_CACHE_HOME: join(work, "cache"),
  HELM_CONFIG_HOME: join(work, "config"),
  HELM_DATA_HOME: join(work, "data"),
};

afterAll(async () => {
  await stopHelmRenderer();
  rmSync(work, { recursive: true, force: true });
});

interface Printed {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** What the helm binary prints for `helm template NAME CHART --namespace NS [--values FILE]`, unstripped. */
async function helmPrints(
  binary: HelmBinary,
  name: string,
  chart: string,
  namespace: string,
  valuesFile?: string,
): Promise<Printed> {
  const args = ["template", name, chart, "--namespace", namespace];
  if (valuesFile) args.push("--values", valuesFile);
  const r = await execa(findTool(binary), args, {
    reject: false,
    stripFinalNewline: false,
    env: helmEnv,
    stdin: "ignore",
  });
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode ?? -1 };
}

/** What helm-render answers, as the helm process would have printed it. */
async function renderPrints(
  name: string,
  chart: Uint8Array | { path: string },
  namespace: string,
  values?: string,
): Promise<Printed> {
  try {
    const r = await helmTemplate({ name, chart, namespace, ...(values === undefined ? {} : { values }) });
    return { ...r, exitCode: 0 };
  } catch (e) {
    if (!(e instanceof HelmCommandError)) throw e;
    // As helm() reports a failed process: its stderr, a newline, its stdout.
    return { stdout: "", stderr: e.stderr, exitCode: e.helmExitCode ?? -1 };
  }
}

/**
 * Where `mine` differs from helm's output. Charts that generate a secret (randAlphaNum) print
 * another one on every run, helm's too: a line that differs between two helm runs of the same
 * command is random, and there `mine` must only have the same shape (the same key, the same
 * length). Every other line must be byte-identical. Returns "" when they agree.
 */
function difference(mine: string, first: string, again: string): string {
  if (mine === first) return "";
  const m = mine.split("\n");
  const a = first.split("\n");
  const b = again.split("\n");
  if (m.length !== a.length || a.length !== b.length) return `${m.length} lines, helm printed ${a.length}`;
  const key = (l: string): string => l.replace(/:.*/, ":");
  for (const [i, line] of m.entries()) {
    const helmLine = a[i] ?? "";
    const same =
      helmLine === b[i] ? line === helmLine : key(line) === key(helmLine) && line.length === helmLine.length;
    if (!same) return `line ${i + 1}: ${JSON.stringify(line)}, helm: ${JSON.stringify(helmLine)}`;
  }
  return "";
}

/**
 * Helm 4's `helm template` differs from helm 3's in one way on these charts: it prints each
 * document with the whitespace its template left at the end (helm 4's SplitManifests trims only
 * a document's start, helm 3's both ends), so a blank line comes before each `---` and, after a
 * final hook, at the end. This removes exactly that; the rest must be helm 3's output.
 */
function withoutDocumentEnds(helm4: string): string {
  return helm4.replace(/\s+\n(?=---\n# Source: )/g, "\n").replace(/\s+\n$/, "\n");
}

/** Runs `fn` over `items`, two at a time (the machine has two cores). */
async function pool<T>(items: readonly T[], fn: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const worker = async (): Promise<void> => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await fn(item);
  };
  await Promise.all([worker(), worker()]);
}

/** Every chart under charts/ with its default values, and with each of its ci/*-values.yaml. */
const cases = readdirSync(join(root, "charts"))
  .filter((c) => existsSync(join(root, "charts", c, "Chart.yaml")))
  .flatMap((chart) => {
    const ci = join(root, "charts", chart, "ci");
    const files = existsSync(ci) ? readdirSync(ci).filter((f) => f.endsWith("-values.yaml")) : [];
    return [
      { chart, valuesFile: undefined as string | undefined },
      ...files.sort().map((f) => ({ chart, valuesFile: join(ci, f) })),
    ];
  });

describe("helm-render", () => {
  it("prints what `helm template` (helm 3) prints for every chart, defaults and each ci values file", async () => {
    expect(cases.length).toBeGreaterThan(30);
    const differ: string[] = [];
    await pool(cases, async ({ chart, valuesFile }) => {
      const dir = join(root, "charts", chart);
      const values = valuesFile === undefined ? undefined : readFileSync(valuesFile, "utf8");
      const [mine, helm3] = await Promise.all([
        renderPrints(chart, { path: dir }, `ns-${chart}`, values),
        helmPrints("helm", chart, dir, `ns-${chart}`, valuesFile),
      ]);
      expect(helm3.exitCode, `${chart} ${valuesFile ?? "defaults"}: ${helm3.stderr}`).toBe(0);
      const again =
        mine.stdout === helm3.stdout
          ? helm3
          : await helmPrints("helm", chart, dir, `ns-${chart}`, valuesFile);
      const diff = difference(mine.stdout, helm3.stdout, again.stdout);
      if (diff) differ.push(`${chart} ${valuesFile ?? "defaults"}: ${diff}`);
    });
    expect(differ).toEqual([]);
  }, 600_000);

  it("prints what `helm4 template` prints for every chart, but for the whitespace at each document's end", async () => {
    const differ: string[] = [];
    await pool(cases, async ({ chart, valuesFile }) => {
      const dir = join(root, "charts", chart);
      const values = valuesFile === undefined ? undefined : readFileSync(valuesFile, "utf8");
      const [mine, helm4] = await Promise.all([
        renderPrints(chart, { path: dir }, `ns-${chart}`, values),
        helmPrints("helm4", chart, dir, `ns-${chart}`, valuesFile),
      ]);
      expect(helm4.exitCode, `${chart} ${valuesFile ?? "defaults"}: ${helm4.stderr}`).toBe(0);
      const first = withoutDocumentEnds(helm4.stdout);
      const again =
        mine.stdout === first
          ? first
          : withoutDocumentEnds((await helmPrints("helm4", chart, dir, `ns-${chart}`, valuesFile)).stdout);
      const diff = difference(mine.stdout, first, again);
      if (diff) differ.push(`${chart} ${valuesFile ?? "defaults"}: ${diff}`);
    });
    expect(differ).toEqual([]);
  }, 600_000);

  it("renders a packaged chart from its bytes: capabilities, release, files, hooks and lookup as helm 3", async () => {
    const pkg = join(work, "pkg");
    execFileSync(findTool("helm"), ["package", probe, "--destination", pkg], {
      env: { ...process.env, ...helmEnv },
    });
    const archive = join(pkg, "render-probe-0.1.0.tgz");
    const valuesFile = join(work, "probe-values.yaml");
    writeFileSync(valuesFile, "replicas: 3\nmessage: from a values file\n");
    const [mine, helm3] = await Promise.all([
      renderPrints("probe", readFileSync(archive), "ns1", readFileSync(valuesFile, "utf8")),
      helmPrints("helm", "probe", archive, "ns1", valuesFile),
    ]);
    expect(helm3.exitCode, helm3.stderr).toBe(0);
    expect(helm3.stdout).toContain('kubeVersion: "v1.34.0"');
    expect(helm3.stdout).toContain("helm.sh/hook: pre-install");
    expect(mine).toEqual(helm3);
  }, 60_000);

  it("renders the probe chart as helm 4, but for helm 4's document ends, Kubernetes and helm version", async () => {
    const [mine, helm4, version] = await Promise.all([
      renderPrints("probe", { path: probe }, "ns1"),
      helmPrints("helm4", "probe", probe, "ns1"),
      execa(findTool("helm4"), ["version", "--template", "{{.Version}} {{.KubeClientVersion}}"], {
        env: helmEnv,
      }),
    ]);
    expect(helm4.exitCode, helm4.stderr).toBe(0);
    // Helm 4 assumes the Kubernetes version of the client-go it is built with (helm 3 is stamped with its own).
    const [helm4Version, kubeClient] = version.stdout.split(" ");
    const asHelm3 = withoutDocumentEnds(helm4.stdout)
      .replace(`kubeVersion: "${kubeClient}.0"`, 'kubeVersion: "v1.34.0"')
      .replace(`helmVersion: "${helm4Version}"`, 'helmVersion: "v3.19.5"');
    expect(mine.stdout).toContain('helmVersion: "v3.19.5"');
    expect(helm4.stdout).not.toBe(asHelm3);
    expect(mine.stdout).toBe(asHelm3);
  }, 60_000);

  it.each([
    ["a schema-invalid value", "replicas: many\n"],
    ["a value the schema does not allow", "replicas: 1\nextra: true\n"],
    ["a template's fail", "failWith: the probe was told to fail\n"],
  ])(
    "answers %s with helm's own error text and exit code (helm 3's and helm 4's are the same)",
    async (_what, values) => {
      const valuesFile = join(work, `bad-${values.length}.yaml`);
      writeFileSync(valuesFile, values);
      const [mine, helm3, helm4] = await Promise.all([
        renderPrints("probe", { path: probe }, "ns1", values),
        helmPrints("helm", "probe", probe, "ns1", valuesFile),
        helmPrints("helm4", "probe", probe, "ns1", valuesFile),
      ]);
      expect(helm3.exitCode).toBe(1);
      expect(helm3.stderr).toMatch(/^Error: /);
      expect(helm4).toEqual(helm3);
      expect(mine).toEqual({ stdout: "", stderr: `${helm3.stderr}\n${helm3.stdout}`, exitCode: 1 });
    },
    60_000,
  );

  it("rejects with a HelmCommandError that names the release and carries helm's message", async () => {
    const error = await helmTemplate({
      name: "probe",
      namespace: "ns1",
      chart: { path: probe },
      values: "replicas: many\n",
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HelmCommandError);
    expect((error as HelmCommandError).message).toMatch(
      /^`helm template probe .*render-probe --namespace ns1 --values <values>` failed \(exit 1\):\nError: values don't meet the specifications of the schema\(s\) in the following chart\(s\):\nrender-probe:\n- at '\/replicas': got string, want integer/,
    );
  }, 60_000);

  it("runs one process for concurrent requests, keeps nothing alive while idle, and stops", async () => {
    const children = (): string[] =>
      execFileSync("ps", ["-o", "comm=", "--ppid", String(process.pid)], { encoding: "utf8" })
        .split("\n")
        .filter((c) => c.startsWith("helm-render"));
    // An exited child's handle is closed in a later phase of the event loop.
    const nextTurn = () => new Promise((resolve) => setTimeout(resolve, 20));
    await stopHelmRenderer();
    await nextTurn();
    const alive = (): number => process.getActiveResourcesInfo().filter((r) => r === "ProcessWrap").length;
    const before = alive();
    const renders = Array.from({ length: 8 }, (_, i) =>
      helmTemplate({ name: `p${i}`, namespace: "ns1", chart: { path: probe } }),
    );
    expect(children()).toHaveLength(1);
    expect(alive()).toBe(before + 1);
    const results = await Promise.all(renders);
    expect(results.map((r) => r.stdout.includes("name: p7-render-probe"))).toContain(true);
    expect(alive()).toBe(before);
    // Stopping waits for the exit with the process ref'd: a CLI that awaits it does not end first.
    const stopped = stopHelmRenderer();
    expect(alive()).toBe(before + 1);
    await stopped;
    await nextTurn();
    expect(alive()).toBe(before);
    expect(children()).toEqual([]);
  }, 60_000);
});
