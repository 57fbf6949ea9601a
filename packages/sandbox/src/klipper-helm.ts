/**
 * What the klipper-helm image (the container of helm-controller's install Jobs) does, with the
 * real helm binary on this machine: its entry script's `install` and `delete`, with the chart,
 * values, CA and credentials the pod mounts, read from the objects its volumes name.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CoreV1Api, V1PodSpec } from "@kubernetes/client-node";
import { findTool } from "@homelab/toolbox";
import { execa } from "execa";

/** The container's environment, as the Job's pod template sets it. */
export interface KlipperEnv {
  [key: string]: string;
}

/** How the container ended: its exit code and the output's tail (its termination message). */
export interface HelmOutcome {
  ok: boolean;
  exitCode: number;
  tail: string;
}

/**
 * The files a volume of the Job's pod would hold, by path: a secret, a configMap, or a
 * projected volume of secrets (with their items' paths), as the kubelet would mount them.
 */
async function mountedFiles(
  core: CoreV1Api,
  ns: string,
  spec: V1PodSpec,
  volumeName: string,
): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const volume = spec.volumes?.find((v) => v.name === volumeName);
  if (!volume) return files;
  const secretData = async (name: string) =>
    (await core.readNamespacedSecret({ name, namespace: ns }).catch(() => undefined))?.data ?? {};
  const put = (
    data: Record<string, string>,
    items: { key: string; path: string }[] | undefined,
    decode: boolean,
  ) => {
    for (const { key, path } of items ?? Object.keys(data).map((k) => ({ key: k, path: k }))) {
      if (data[key] !== undefined)
        files.set(path, decode ? Buffer.from(data[key], "base64") : Buffer.from(data[key]));
    }
  };
  if (volume.secret?.secretName) put(await secretData(volume.secret.secretName), volume.secret.items, true);
  if (volume.configMap?.name)
    put(
      (
        await core
          .readNamespacedConfigMap({ name: volume.configMap.name, namespace: ns })
          .catch(() => undefined)
      )?.data ?? {},
      volume.configMap.items,
      false,
    );
  for (const source of volume.projected?.sources ?? []) {
    if (source.secret?.name) put(await secretData(source.secret.name), source.secret.items, true);
  }
  return files;
}

/**
 * What klipper-helm's entry script does for `install` and `delete`, with the chart, values,
 * CA and credentials the pod would mount: the inline chart (`/chart`), or a chart from a Helm
 * repository (`helm repo add` under the HelmChart's name, with the `/auth` credentials and the
 * CA of `/config/ca-file.pem` and `/ca-files`) or an OCI reference, at `--version`; values
 * from `/config/*.yaml` in name order; `--plain-http`, `--insecure-skip-tls-verify` and
 * `--timeout` from the Job's environment. Each Job gets its own helm home (the image's
 * emptyDir volumes).
 */
export async function runKlipperHelm(
  core: CoreV1Api,
  kubeconfig: string,
  ns: string,
  spec: V1PodSpec,
  env: KlipperEnv,
  args: string[],
): Promise<HelmOutcome> {
  const helm = findTool("helm");
  const work = mkdtempSync(join(tmpdir(), "standin-job-"));
  const name = env.NAME!;
  const target = env.TARGET_NAMESPACE || ns;
  const base = ["--kubeconfig", kubeconfig, "--namespace", target];
  const helmEnv = {
    HELM_DRIVER: env.HELM_DRIVER || "secret",
    HELM_CONFIG_HOME: join(work, "home", "config"),
    HELM_CACHE_HOME: join(work, "home", "cache"),
    HELM_DATA_HOME: join(work, "home", "data"),
  };
  const out: string[] = [];
  const run = async (a: string[], input?: string) => {
    const r = await execa(helm, [...a, ...base], {
      reject: false,
      all: true,
      env: helmEnv,
      ...(input !== undefined ? { input } : {}),
    });
    out.push(`+ helm ${a.join(" ")}`, r.all ?? "");
    return r;
  };
  try {
    const status = await run(["list", "--all", "--filter", `^${name}$`, "--output", "json"]);
    const releases = JSON.parse(status.stdout || "[]") as { status: string }[];
    const current = releases[0]?.status;
    if (args[0] === "delete") {
      if (current) await run(["uninstall", name]);
      return { ok: true, exitCode: 0, tail: tail(out) };
    }
    const config = await mountedFiles(core, ns, spec, "values");
    const caParts = [
      config.get("ca-file.pem"),
      ...[...(await mountedFiles(core, ns, spec, "ca-files")).entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([, v]) => v),
    ];
    const caFile = join(work, "ca-file.pem");
    const ca = caParts.filter((c): c is Buffer => c !== undefined);
    if (ca.length) writeFileSync(caFile, ca.map((c) => `\n${c.toString("utf8")}`).join(""));
    const sourceFlags = [
      ...(ca.length ? ["--ca-file", caFile] : []),
      ...(env.INSECURE_SKIP_TLS_VERIFY === "true" ? ["--insecure-skip-tls-verify"] : []),
    ];
    const content = await core
      .readNamespacedConfigMap({ name: `chart-content-${name}`, namespace: ns })
      .catch(() => undefined);
    const encoded = content?.data?.[`${name}.tgz.base64`];
    const chart = join(work, `${name}.tgz`);
    if (encoded) writeFileSync(chart, Buffer.from(encoded, "base64"));
    const source = encoded ? chart : env.CHART!;
    if (!encoded && env.REPO && !/https?:\/\//.test(source)) {
      const auth = await mountedFiles(core, ns, spec, "auth");
      const pass = env.AUTH_PASS_CREDENTIALS === "true" ? ["--pass-credentials"] : [];
      const username = auth.get("username")?.toString("utf8");
      const password = auth.get("password")?.toString("utf8");
      const added =
        username !== undefined && password !== undefined
          ? await run(
              [
                "repo",
                "add",
                ...sourceFlags,
                ...pass,
                "--username",
                username,
                "--password-stdin",
                name.split("/")[0]!,
                env.REPO,
              ],
              password,
            )
          : await run(["repo", "add", ...sourceFlags, name.split("/")[0]!, env.REPO]);
      if (added.exitCode !== 0) return { ok: false, exitCode: added.exitCode ?? 1, tail: tail(out) };
      const updated = await run(["repo", "update"]);
      if (updated.exitCode !== 0) return { ok: false, exitCode: updated.exitCode ?? 1, tail: tail(out) };
    }
    const valueArgs: string[] = [];
    for (const [path, data] of [...config.entries()]
      .filter(([p]) => p.endsWith(".yaml"))
      .sort(([a], [b]) => (a < b ? -1 : 1))) {
      const file = join(work, path);
      writeFileSync(file, data);
      valueArgs.push("--values", file);
    }
    const flags = args.slice(1).filter((a, i, all) => a !== "--namespace" && all[i - 1] !== "--namespace");
    flags.push(...sourceFlags);
    if (env.PLAIN_HTTP === "true") flags.push("--plain-http");
    if (env.TIMEOUT) flags.push("--timeout", env.TIMEOUT);
    // As the image does: label the release with the config hash, which helm-controller
    // compares to decide that a completed Job's release is current.
    if (env.CONFIG_HASH) flags.push("--labels", `helmcharts.helm.cattle.io/configHash=${env.CONFIG_HASH}`);
    let r;
    if (!current) {
      r = await run(["install", name, source, ...flags, ...valueArgs]);
    } else if (current === "deployed") {
      r = await run([
        "upgrade",
        name,
        source,
        ...flags.filter((f) => f !== "--create-namespace"),
        ...valueArgs,
      ]);
    } else {
      await run(["uninstall", name]);
      r = await run(["install", name, source, ...flags, ...valueArgs]);
    }
    return { ok: r.exitCode === 0, exitCode: r.exitCode ?? 1, tail: tail(out) };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const tail = (lines: string[]) => lines.join("\n").split("\n").slice(-20).join("\n").slice(-3500);
