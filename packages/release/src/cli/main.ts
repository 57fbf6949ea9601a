import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { loadAllServices } from "@homelab/chart-kit";
import { EXIT_CODES_HELP, ExitCode, reportError } from "@homelab/errors";
import { findRepoRoot, parseCli } from "@homelab/toolbox";
import { UsageError } from "../errors.ts";
import { ensureK3s } from "../k3s/ensure-k3s.ts";
import { executePlan } from "../execute-plan.ts";
import { prepareRelease } from "../prepare-release.ts";
import { renderSummary } from "./summary.ts";
import { loadConfig } from "../config/load-config.ts";

const HELP = `homelab-release: take the homelab from bare hosts to every enabled service installed.

Usage: homelab-release [options]

Targets (where to release):
  --target sandbox       start a throwaway control plane (real etcd, kube-apiserver,
                         helm-controller; a stand-in runs the install Jobs) and release into it
  --target hosts         install k3s on the config's hosts over SSH, then release (default
                         when the config lists hosts)
  --kubeconfig FILE      release into an existing cluster

Options:
  --config FILE          the homelab config (default: homelab.yaml at the repository root)
  --plan, --dry-run      show what would be created, changed or removed; write nothing
  --prune                uninstall services the config no longer enables (data is kept)
  --delete-data          with --prune: also delete their PersistentVolumeClaims
  --timeout SECONDS      per-service wait for the install Job (default: config or 600)
  --concurrency N        HelmCharts applied at once (default: config or 8)
  --keep                 with --target sandbox: keep it running until Ctrl-C
  --json                 print the summary as JSON on stdout
  -h, --help             show this help

${EXIT_CODES_HELP}`;

/** Runs the CLI; returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
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
      timeout: { type: "string" },
      concurrency: { type: "string" },
      keep: { type: "boolean" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (typeof parsed === "number") return parsed;
  const { values } = parsed;
  const numberOption = (name: string, raw: string | undefined): number | undefined => {
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} ${raw} is not a positive whole number`, `pass e.g. --${name} ${name === "timeout" ? 600 : 4}`);
    return n;
  };
  const log = (line: string) => process.stderr.write(`${line}\n`);
  let stopSandbox: (() => Promise<void>) | undefined;
  try {
    const root = findRepoRoot(process.cwd());
    const configFile = resolve(values.config ?? join(root, "homelab.yaml"));
    const timeout = numberOption("timeout", values.timeout);
    const concurrency = numberOption("concurrency", values.concurrency);
    const dryRun = Boolean(values.plan || values["dry-run"]);
    let kubeconfig = values.kubeconfig;
    const target = values.target ?? (kubeconfig ? "kubeconfig" : undefined);
    if (kubeconfig && !existsSync(kubeconfig)) throw new UsageError(`--kubeconfig ${kubeconfig} does not exist`, "pass the path of a kubeconfig file");
    if (target === "sandbox") {
      log("sandbox: starting etcd, kube-apiserver and helm-controller (the node is a stand-in: no pods run)");
      const { startSandbox } = await import("@homelab/sandbox");
      const sandbox = await startSandbox();
      stopSandbox = sandbox.stop;
      kubeconfig = sandbox.kubeconfig;
      log(`sandbox: ready, kubeconfig ${kubeconfig}`);
    } else if (target === "hosts" || target === undefined) {
      const config = loadConfig(configFile, [...(await loadAllServices(root)).keys()]);
      if (!config.hosts?.length) {
        throw new UsageError(`${configFile} lists no hosts`, "add hosts to it, or pass --target sandbox or --kubeconfig FILE");
      }
      kubeconfig = (await ensureK3s(config, { root, dryRun, log })).kubeconfig;
    } else if (target !== "kubeconfig") {
      throw new UsageError(`--target ${target} is not a target`, "use --target sandbox, --target hosts or --kubeconfig FILE");
    }
    const prepared = await prepareRelease({ root, configFile, kubeconfig: kubeconfig! });
    const summary = await executePlan(prepared.kube, prepared.plan, prepared.config, {
      dryRun,
      prune: Boolean(values.prune),
      deleteData: Boolean(values["delete-data"]),
      ...(timeout ? { timeoutMs: timeout * 1000 } : {}),
      ...(concurrency ? { concurrency } : {}),
      onProgress: (service, message) => log(`${service}: ${message}`),
    });
    process.stdout.write(values.json ? `${JSON.stringify(summary, null, 2)}\n` : renderSummary(summary));
    if (values.keep && stopSandbox) {
      log(`sandbox: kept running; KUBECONFIG=${kubeconfig} helm list -A. Ctrl-C stops it.`);
      await new Promise<void>((r) => process.once("SIGINT", () => r()));
    }
    return summary.ok ? 0 : 1;
  } catch (e) {
    const { text, exitCode } = reportError("homelab-release", e);
    log(text.trimEnd());
    if (exitCode === ExitCode.usage || exitCode === ExitCode.unreachable) log("homelab-release: nothing was applied.");
    return exitCode;
  } finally {
    await stopSandbox?.();
  }
}

