import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { EXIT_CODES_HELP, ExitCode, reportError } from "@homelab/errors";
import { findRepoRoot, parseCli } from "@homelab/toolbox";
import { ClusterUnreachableError, UsageError } from "../errors.ts";
import type { HomelabStatus } from "./read-status.ts";
import { renderStatus } from "./render-status.ts";

// What reading the status needs (and @kubernetes/client-node) is imported when it runs:
// `status --help` starts without it.
const statusModules = () =>
  Promise.all([
    import("@homelab/chart-kit"),
    import("../cluster/kube.ts"),
    import("../config/load-config.ts"),
    import("./desired-services.ts"),
    import("./read-status.ts"),
  ]);

const HELP = `homelab-release status: what runs and what does not, one row per service of the config.

Usage: homelab-release status [options]      (from the repository root: pnpm homelab status)

Per service: the chart version the config wants and the one deployed, its HelmChart and
install Job, pods ready/total and restarts, claims bound and their size, the URLs of its
ingresses and routes, its namespace's Pod Security level, and drift: fields of its HelmChart
that another field manager (kubectl edit, kubectl apply, ...) changed. Reads only.

Options:
  --config FILE          the homelab config (default: homelab.yaml at the repository root)
  --kubeconfig FILE      the cluster (default: .homelab/kubeconfig, written by a release to
                         hosts, else $KUBECONFIG)
  --json                 the status as JSON on stdout (with --watch: one document per line)
  --watch                refresh until Ctrl-C
  --interval SECONDS     with --watch: seconds between refreshes (default: 5)
  -h, --help             show this help

An unhealthy service (each is named, with why) makes the exit code 1.

${EXIT_CODES_HELP}`;

/** Runs `homelab-release status`; returns the exit code. */
export async function statusCommand(argv: readonly string[]): Promise<number> {
  const parsed = parseCli("homelab-release status", HELP, {
    args: [...argv],
    options: {
      config: { type: "string" },
      kubeconfig: { type: "string" },
      json: { type: "boolean" },
      watch: { type: "boolean" },
      interval: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (typeof parsed === "number") return parsed;
  const { values } = parsed;
  try {
    const root = findRepoRoot(process.cwd());
    const interval = values.interval === undefined ? 5 : Number(values.interval);
    if (!Number.isInteger(interval) || interval < 1)
      throw new UsageError(
        `--interval ${values.interval} is not a positive whole number`,
        "pass e.g. --interval 5",
      );
    const kubeconfig =
      values.kubeconfig ??
      [join(root, ".homelab", "kubeconfig"), process.env.KUBECONFIG].find((f) => f && existsSync(f));
    if (!kubeconfig || !existsSync(kubeconfig)) {
      throw new UsageError(
        values.kubeconfig
          ? `--kubeconfig ${values.kubeconfig} does not exist`
          : "no cluster: .homelab/kubeconfig does not exist and KUBECONFIG is not set",
        "pass --kubeconfig FILE (a release to hosts writes .homelab/kubeconfig)",
      );
    }
    const [
      { loadAllServices },
      { apiMessage, connect },
      { readConfig },
      { desiredServices },
      { readStatus },
    ] = await statusModules();
    const packages = await loadAllServices(root);
    const { config } = readConfig(resolve(values.config ?? join(root, "homelab.yaml")), [...packages.keys()]);
    const kube = connect(kubeconfig);
    const desired = desiredServices(config, packages);
    const once = async (): Promise<HomelabStatus> => {
      try {
        return await readStatus(kube, desired, config.release?.helmChartNamespace ?? "kube-system");
      } catch (e) {
        throw new ClusterUnreachableError(
          `cannot read the cluster's state: ${apiMessage(e)}`,
          "check that the kubeconfig points at the cluster and its user may read what the release writes",
          e,
        );
      }
    };
    const show = (status: HomelabStatus) =>
      process.stdout.write(
        values.json
          ? `${JSON.stringify(status, null, values.watch ? undefined : 2)}\n`
          : renderStatus(status),
      );
    let status = await once();
    if (!values.watch) {
      show(status);
      return status.healthy ? ExitCode.ok : ExitCode.failed;
    }
    let stopped = false;
    const stop = () => (stopped = true);
    process.once("SIGINT", stop);
    try {
      for (;;) {
        if (!values.json && process.stdout.isTTY) process.stdout.write("\x1b[2J\x1b[H");
        show(status);
        for (let waited = 0; waited < interval * 10 && !stopped; waited++)
          await new Promise((r) => setTimeout(r, 100));
        if (stopped) break;
        status = await once();
      }
    } finally {
      process.off("SIGINT", stop);
    }
    return status.healthy ? ExitCode.ok : ExitCode.failed;
  } catch (e) {
    const { text, exitCode } = reportError("homelab-release status", e);
    process.stderr.write(`${text.trimEnd()}\n`);
    return exitCode;
  }
}
