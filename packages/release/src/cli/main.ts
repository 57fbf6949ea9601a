import { join, resolve } from "node:path";
import { errorJson, EXIT_CODES_HELP, ExitCode, reportError } from "@homelab/errors";
import { findRepoRoot, parseCli, requireToolSet } from "@homelab/toolbox";
import type { Kube } from "../cluster/kube.ts";
import { UsageError } from "../errors.ts";
import { LEASE_SECONDS } from "../lock/lease-seconds.ts";
import type { ReleaseLock } from "../lock/release-lock.ts";
import { planWrites } from "../plan/plan-writes.ts";
import { range, releaseOptions } from "./release-options.ts";
import { renderSummary } from "./summary.ts";

// What a release runs (and @kubernetes/client-node) is imported when it runs: `--help` starts
// without it (the bundle's test checks that no chunk `--help` loads holds client-node).
const releaseModules = () =>
  Promise.all([
    import("../config/check-config.ts"),
    import("../cluster/kube.ts"),
    import("../execute-plan.ts"),
    import("../k3s/ensure-k3s.ts"),
    import("../lock/release-lock.ts"),
    import("../plan/plan-release.ts"),
  ]);

const HELP = `homelab-release: take the homelab from bare hosts to every enabled service running.

Usage: homelab-release [options]
       homelab-release status [--json] [--watch]   what runs and what does not (status --help)

Targets (where to release):
  --target sandbox       start a throwaway cluster (real etcd, kube-apiserver, controller-manager,
                         scheduler and helm-controller; a kwok node runs the pods, a stand-in
                         the install Jobs' helm) and release into it
  --target hosts         install k3s on the config's hosts over SSH, then release (default
                         when the config lists hosts)
  --kubeconfig FILE      release into an existing cluster

The whole config (YAML, schema, secrets, every service's values rendered by helm) is checked
before a sandbox starts or a host is touched. A service counts as released when its install
Job has completed and every pod of its workloads is ready.

Options:
  --config FILE          the homelab config (default: homelab.yaml at the repository root)
  --plan, --dry-run      show what would be created, changed or removed; write nothing
  --prune                uninstall services the config no longer enables (data is kept)
  --delete-data          with --prune: also delete their PersistentVolumeClaims
  --no-wait-ready        count a service released when its install Job completes; do not
                         wait for its pods
  --timeout SECONDS      per-service wait for its install Job and its pods, ${range("timeout")}
                         (default: config or 600)
  --concurrency N        services installing at once, ${range("concurrency")} (default: config or 8); one
                         whose install Job is done waits for its pods outside that count
  --lock-timeout SECONDS wait this long for another release to finish, ${range("lock-timeout")} (default:
                         300); one release at a time holds the Lease kube-system/homelab-release,
                         and a crashed one frees it ${LEASE_SECONDS} s after its last renewal
  --keep                 with --target sandbox: keep it running until Ctrl-C
  --json                 print the summary as JSON on stdout; on failure print
                         { "ok": false, "error": { "message", "fix", "exitCode", "file"?,
                         "field"?, "problems"? } } there instead
  -h, --help             show this help

${EXIT_CODES_HELP}`;

/** Runs the CLI; returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  if (argv[0] === "status") return (await import("../status/status-command.ts")).statusCommand(argv.slice(1));
  const parsed = parseCli("homelab-release", HELP, {
    args: [...argv],
    options: {
      target: { type: "string" },
      kubeconfig: { type: "string" },
      config: { type: "string" },
      plan: { type: "boolean" },
      "dry-run": { type: "boolean" },
      prune: { type: "boolean" },
      "delete-data": { type: "boolean" },
      "no-wait-ready": { type: "boolean" },
      timeout: { type: "string" },
      concurrency: { type: "string" },
      "lock-timeout": { type: "string" },
      keep: { type: "boolean" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (typeof parsed === "number") {
    if (parsed !== ExitCode.ok && argv.includes("--json"))
      printJson(errorJson(new UsageError("the command line could not be read (see above)", "see --help")));
    return parsed;
  }
  const { values } = parsed;
  const log = (line: string) => process.stderr.write(`${line}\n`);
  let stopSandbox: (() => Promise<void>) | undefined;
  let lock: ReleaseLock | undefined;
  try {
    const root = findRepoRoot(process.cwd());
    const configFile = resolve(values.config ?? join(root, "homelab.yaml"));
    // The whole command line is checked before anything runs.
    const { target, dryRun, timeout, concurrency, lockTimeout, ...options } = releaseOptions(values);
    let kubeconfig = options.kubeconfig;
    let kube: Kube | undefined;

    // The target's tools (tooling/tools/tool-sets.txt), every missing one named at once.
    requireToolSet(target === "sandbox" ? "sandbox" : "hosts");
    const [
      { checkConfig },
      { connect },
      { executePlan },
      { ensureK3s },
      { acquireReleaseLock },
      { planRelease },
    ] = await releaseModules();
    // Check first: nothing below starts, connects or writes before the whole config is good.
    const checked = await checkConfig({ root, configFile });
    for (const warning of checked.warnings) log(`homelab-release: warning: ${warning}`);

    if (target === "sandbox") {
      log(
        "sandbox: starting etcd, kube-apiserver, controller-manager, scheduler, a kwok node and helm-controller",
      );
      const { startSandbox } = await import("@homelab/sandbox");
      const sandbox = await startSandbox();
      stopSandbox = sandbox.stop;
      kubeconfig = sandbox.kubeconfig;
      log(`sandbox: ready, kubeconfig ${kubeconfig}`);
    } else if (target === "hosts" || target === undefined) {
      if (!checked.config.hosts?.length) {
        throw new UsageError(
          `${checked.file} lists no hosts`,
          "add hosts to it, or pass --target sandbox or --kubeconfig FILE",
        );
      }
      const ensured = await ensureK3s(checked.config, { root, dryRun, log });
      kubeconfig = ensured.kubeconfig;
      // A dry run writes no kubeconfig: it reads the cluster with the text it fetched, or plans
      // a first install against the empty cluster the install would make.
      if (dryRun && ensured.kubeconfigYaml)
        kube = (await import("../cluster/kube.ts")).connectYaml(
          ensured.kubeconfigYaml,
          "/etc/rancher/k3s/k3s.yaml of the first server",
        );
      else if (dryRun) kube = (await import("../cluster/absent-cluster.ts")).absentCluster();
    }

    kube ??= connect(kubeconfig!);
    let plan = await planRelease(kube, checked);
    if (!dryRun && planWrites(plan, { prune: Boolean(values.prune) })) {
      // One release at a time; the plan is made again under the lock, as the cluster may have moved.
      lock = await acquireReleaseLock(kube, {
        waitMs: lockTimeout * 1000,
        onMessage: (m) => log(`homelab-release: ${m}`),
      });
      plan = await planRelease(kube, checked);
    }
    const summary = await executePlan(kube, plan, checked.config, {
      dryRun,
      wait: values["no-wait-ready"] ? "install" : "ready",
      prune: Boolean(values.prune),
      deleteData: Boolean(values["delete-data"]),
      ...(timeout ? { timeoutMs: timeout * 1000 } : {}),
      ...(concurrency ? { concurrency } : {}),
      onProgress: (service, message) => log(`${service}: ${message}`),
    });
    if (lock?.lost())
      log(
        "homelab-release: warning: the release lock expired while this release ran (another release may have started)",
      );
    await lock?.release();
    lock = undefined;
    if (values.json) printJson(summary);
    else process.stdout.write(renderSummary(summary));
    if (values.keep && stopSandbox) {
      log(`sandbox: kept running; KUBECONFIG=${kubeconfig} helm list -A. Ctrl-C stops it.`);
      await new Promise<void>((r) => process.once("SIGINT", () => r()));
    }
    return summary.ok ? 0 : 1;
  } catch (e) {
    const { text, exitCode } = reportError("homelab-release", e);
    log(text.trimEnd());
    if (values.json) printJson(errorJson(e));
    if (exitCode === ExitCode.usage || exitCode === ExitCode.unreachable || exitCode === ExitCode.busy)
      log("homelab-release: nothing was applied.");
    return exitCode;
  } finally {
    await lock?.release().catch(() => undefined);
    await stopSandbox?.();
  }
}

const printJson = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
