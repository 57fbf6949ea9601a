import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findRepoRoot } from "@homelab/toolbox";
import { execa } from "execa";
import type { Figure } from "./measure.ts";
import { figure, seconds } from "./measure.ts";

/**
 * `turbo run build` in a copy of the repository: a forced full build (the
 * baseline), a second run with nothing changed (must be a full cache hit under
 * 1 s), and a run after changing one service (must rebuild only that one).
 */
export async function benchTurboCache(): Promise<Figure[]> {
  const source = findRepoRoot(process.cwd());
  const work = mkdtempSync(join(tmpdir(), "bench-turbo-"));
  try {
    for (const entry of [
      "apps",
      "packages",
      "tooling",
      "bench",
      "charts",
      "repo",
      "package.json",
      "pnpm-workspace.yaml",
      "pnpm-lock.yaml",
      "turbo.json",
      ".gitignore",
      "homelab.yaml",
    ]) {
      cpSync(join(source, entry), join(work, entry), {
        recursive: true,
        verbatimSymlinks: true,
        filter: (p) => !p.includes("/test-results") && !p.endsWith("/.turbo"),
      });
    }
    symlinkSync(join(source, "node_modules"), join(work, "node_modules"));
    const git = (args: string[]) =>
      execa("git", args, {
        cwd: work,
        env: {
          GIT_AUTHOR_NAME: "b",
          GIT_AUTHOR_EMAIL: "b@b",
          GIT_COMMITTER_NAME: "b",
          GIT_COMMITTER_EMAIL: "b@b",
        },
      });
    await git(["init", "-q"]);
    await git(["add", "-A"]);
    await git(["commit", "-qm", "bench"]);
    // The turbo binary itself, as `turbo run build` on a user's PATH runs it (no pnpm wrapper).
    const turboBin = join(source, "node_modules", ".bin", "turbo");
    const turbo = (args: string[]) =>
      execa(turboBin, ["run", "build", "--output-logs=hash-only", ...args], {
        cwd: work,
        env: { TURBO_TELEMETRY_DISABLED: "1" },
      });
    const [full] = await seconds(() => turbo(["--force"]));
    const [cached, second] = await seconds(() => turbo([]));
    const service = join(work, "apps", "uptime-kuma", "src", "service.ts");
    writeFileSync(service, `${readFileSync(service, "utf8")}\n// benchmark edit\n`);
    const [, third] = await seconds(() => turbo([]));
    const misses = (out: string) => (out.match(/cache miss/g) ?? []).length;
    // Chart builds only: the release package's schema task also reads every service (their names).
    const apps = new Set(readdirSync(join(work, "apps")));
    const chartMisses = (out: string) =>
      out
        .split("\n")
        .filter(
          (l) =>
            /^@homelab\/([\w-]+):build: cache miss/.test(l) && apps.has(/^@homelab\/([\w-]+)/.exec(l)![1]!),
        ).length;
    const tasks = (out: string) => Number(/Tasks:\s+(\d+) successful/.exec(out)?.[1] ?? 0);
    // Cache keys from the graph: an edit in a package the apps do not depend on (publish) leaves
    // every app's test key as it was; an edit in one they do (chart-kit) changes them all.
    const appTestHashes = async () => {
      const { stdout } = await execa(turboBin, ["run", "test", "--dry=json"], {
        cwd: work,
        env: { TURBO_TELEMETRY_DISABLED: "1" },
      });
      const dry = JSON.parse(stdout) as { tasks: { taskId: string; hash: string }[] };
      return new Map(
        dry.tasks
          .filter((t) => apps.has(/^@homelab\/([\w-]+)#test$/.exec(t.taskId)?.[1] ?? ""))
          .map((t) => [t.taskId, t.hash]),
      );
    };
    const changedSince = (before: Map<string, string>, after: Map<string, string>) =>
      [...after].filter(([id, hash]) => before.get(id) !== hash).length;
    const beforeEdits = await appTestHashes();
    const publishSource = join(work, "packages", "publish", "src", "publish.ts");
    writeFileSync(publishSource, `${readFileSync(publishSource, "utf8")}\n// benchmark edit\n`);
    const afterPublish = await appTestHashes();
    const kitSource = join(work, "packages", "chart-kit", "src", "definition.ts");
    writeFileSync(kitSource, `${readFileSync(kitSource, "utf8")}\n// benchmark edit\n`);
    const afterKit = await appTestHashes();
    const publishInvalidated = changedSince(beforeEdits, afterPublish);
    const kitInvalidated = changedSince(afterPublish, afterKit);
    return [
      figure({
        figure: "turbo build, nothing changed",
        ours: cached,
        unit: "s",
        baseline: full,
        baselineName: "forced full build",
        target: `< 1 s, ${tasks(second.stdout)} of ${tasks(second.stdout)} cached`,
        met: cached < 1 && misses(second.stdout) === 0,
      }),
      figure({
        figure: "turbo build, one service changed: charts rebuilt",
        ours: chartMisses(third.stdout),
        unit: "charts",
        baseline: apps.size,
        baselineName: "all charts",
        target: "1 (only that one)",
        met: chartMisses(third.stdout) === 1,
      }),
      figure({
        figure: "publish edited: app test caches invalidated",
        ours: publishInvalidated,
        unit: "apps",
        baseline: kitInvalidated,
        baselineName: "after a chart-kit edit",
        target: "0",
        met: publishInvalidated === 0 && kitInvalidated === afterKit.size,
      }),
    ];
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
