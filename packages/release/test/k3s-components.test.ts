/**
 * k3s.components on the test control plane: values for k3s's Traefik chart become the
 * HelmChartConfig kube-system/traefik, which the real helm-controller merges into k3s's own
 * HelmChart (played by a fixture chart applied as HelmChart kube-system/traefik, as k3s
 * applies its Traefik chart); written once, not again when nothing changed.
 */
import { mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Sandbox } from "@homelab/sandbox";
import type { SshTestHost } from "@homelab/test-harness";
import { startSshTestHost } from "@homelab/test-harness";
import { startSandbox } from "@homelab/sandbox";
import { findTool } from "@homelab/toolbox";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "../src/cluster/kube.ts";
import { disableFlags } from "../src/components/k3s-components.ts";
import { execStartArgs, serverComponentFlags, wantedDisabled } from "../src/components/k3s-flags.ts";
import { executePlan } from "../src/execute-plan.ts";
import type { HomelabConfig } from "../src/config/schema.ts";
import { ensureK3s } from "../src/k3s/ensure-k3s.ts";
import { installScript } from "../src/k3s/install-script.ts";
import { prepareRelease } from "../src/prepare-release.ts";
import { releaseWrites, root, writeConfig } from "./helpers.ts";

const NO_APPS = mkdtempSync(join(tmpdir(), "components-only-"));
mkdirSync(join(NO_APPS, "apps"));

describe("k3s.components: install flags", () => {
  const config = (components: HomelabConfig["k3s"]): HomelabConfig => ({
    k3s: { version: "v1.35.4+k3s1", ...components },
    services: {},
  });
  const server = { name: "nas", role: "server" as const, address: "10.0.0.1" };
  const agent = { name: "mini", role: "agent" as const, address: "10.0.0.2" };
  const target = { dir: "/tmp/homelab-k3s.0123456789", version: "v1.35.4+k3s1", clusterInit: false };

  it("disabled components become --disable flags of the servers, never of agents", () => {
    const c = config({
      components: {
        traefik: { enabled: false },
        servicelb: { enabled: false },
        "metrics-server": { enabled: true },
      },
    });
    expect(disableFlags(c.k3s?.components)).toEqual(["--disable=servicelb", "--disable=traefik"]);
    expect(installScript(c, server, target)).toContain(
      "INSTALL_K3S_EXEC='server --disable=servicelb --disable=traefik'",
    );
    expect(installScript(c, agent, { ...target, url: "https://10.0.0.1:6443", token: "t" })).toContain(
      "INSTALL_K3S_EXEC='agent'",
    );
  });

  it("keeps a --disable already in extraArgs once, and counts it as disabled", () => {
    const c = config({
      extraArgs: ["--disable=servicelb"],
      components: { servicelb: { enabled: false }, traefik: { enabled: false } },
    });
    expect(serverComponentFlags(c)).toEqual(["--disable=traefik"]);
    expect(installScript(c, server, target)).toContain(
      "INSTALL_K3S_EXEC='server --disable=servicelb --disable=traefik'",
    );
    expect(wantedDisabled(c)).toEqual(["servicelb", "traefik"]);
  });

  it("reads the flags a host runs with from k3s's systemd unit", () => {
    const unit =
      "[Service]\nType=notify\nExecStart=/usr/local/bin/k3s \\\n    server \\\n\t'--disable=traefik' \\\n\t'--disable' \\\n\t'servicelb' \\\n\nKillMode=process\n";
    expect(execStartArgs(unit)).toEqual([
      "/usr/local/bin/k3s",
      "server",
      "--disable=traefik",
      "--disable",
      "servicelb",
    ]);
  });
});

describe("k3s.components over real SSH (sshd test host; k3s itself is a stand-in)", () => {
  let host: SshTestHost;
  const hostConfig = (components: NonNullable<HomelabConfig["k3s"]>["components"]): HomelabConfig => ({
    k3s: { version: "v1.35.4+k3s1", components },
    hosts: [
      {
        name: "nas",
        role: "server",
        address: host.address,
        sshKey: host.sshKey,
        knownHosts: host.knownHosts,
      },
    ],
    services: {},
  });
  const ensure = async (config: HomelabConfig, dryRun = false) => {
    const lines: string[] = [];
    const { dir } = writeConfig("services: {}\n");
    const result = await ensureK3s(config, {
      root,
      dryRun,
      kubeconfigPath: join(dir, "kubeconfig"),
      log: (l) => lines.push(l),
    });
    return { ...result, lines };
  };

  beforeAll(async () => {
    host = await startSshTestHost("nas");
  }, 60_000);
  afterAll(async () => host?.stop());

  it("installs k3s without the disabled components, and leaves it alone when they stay so", async () => {
    expect((await ensure(hostConfig({ traefik: { enabled: false } }))).changed).toEqual(["nas"]);
    expect(host.installs()).toEqual([
      expect.objectContaining({ INSTALL_K3S_EXEC: "server --disable=traefik" }),
    ]);
    expect(
      (await ensure(hostConfig({ traefik: { enabled: false }, servicelb: { enabled: true } }))).changed,
    ).toEqual([]);
    expect(host.installs()).toHaveLength(1);
  }, 120_000);

  it("a change of the disabled set is planned, then re-runs the installer with the new flags", async () => {
    const next = hostConfig({ traefik: { enabled: false }, servicelb: { enabled: false } });
    const plan = await ensure(next, true);
    expect(plan.lines).toContain(
      "nas: k3s v1.35.4+k3s1 running, will install v1.35.4+k3s1 (components change: disable servicelb, traefik (now: traefik): the installer re-runs with the new flags)",
    );
    expect(host.installs()).toHaveLength(1);
    expect((await ensure(next)).changed).toEqual(["nas"]);
    expect(host.installs().at(-1)).toMatchObject({
      INSTALL_K3S_EXEC: "server --disable=servicelb --disable=traefik",
    });
    expect((await ensure(next)).changed).toEqual([]);
    // Enabling everything again is a change too.
    expect((await ensure(hostConfig({}))).changed).toEqual(["nas"]);
    expect(host.installs().at(-1)).toMatchObject({ INSTALL_K3S_EXEC: "server" });
  }, 120_000);
});

describe("k3s.components: HelmChartConfig on the test control plane (real apiserver and helm-controller)", () => {
  let cluster: Sandbox;
  let helmBin: string;
  const progress: string[] = [];
  const release = async (text: string, opts: { dryRun?: boolean } = {}) => {
    const { configFile, envFile } = writeConfig(text);
    const prepared = await prepareRelease({
      root: NO_APPS,
      configFile,
      envFile,
      kubeconfig: cluster.kubeconfig,
      env: {},
    });
    progress.length = 0;
    return executePlan(prepared.kube, prepared.plan, prepared.config, {
      ...opts,
      timeoutMs: 90_000,
      pollMs: 200,
      onProgress: (s, m) => progress.push(`${s}: ${m}`),
    });
  };
  const configWith = (values: string) =>
    `k3s:\n  components:\n    servicelb: { enabled: false }\n    traefik:\n      values: ${values}\nservices: {}\n`;
  /** The values of the helm release that helm-controller made from k3s's chart and the HelmChartConfig. */
  const releasedValues = async () => {
    const r = await execa(helmBin, [
      "--kubeconfig",
      cluster.cp.kubeconfig,
      "get",
      "values",
      "traefik",
      "--namespace",
      "kube-system",
      "--output",
      "json",
    ]);
    return JSON.parse(r.stdout) as Record<string, unknown>;
  };
  const configWrites = () =>
    releaseWrites(cluster.cp.auditEvents()).filter((e) => e.objectRef?.resource === "helmchartconfigs");

  beforeAll(async () => {
    helmBin = findTool("helm");
    cluster = await startSandbox();
    // What k3s does at start: apply its Traefik chart as HelmChart kube-system/traefik.
    const dir = mkdtempSync(join(tmpdir(), "bundled-"));
    await execa(helmBin, [
      "package",
      join(root, "packages", "release", "test", "fixtures", "bundled-ingress"),
      "--destination",
      dir,
    ]);
    const kube = connect(cluster.cp.kubeconfig);
    await kube.objects.create({
      apiVersion: "helm.cattle.io/v1",
      kind: "HelmChart",
      metadata: { name: "traefik", namespace: "kube-system" },
      spec: {
        chartContent: readFileSync(join(dir, "bundled-ingress-39.0.0.tgz")).toString("base64"),
        valuesContent: "providers:\n  kubernetesGateway: { enabled: false }\n",
      },
    } as never);
    for (
      let i = 0;
      i < 300 &&
      !(
        await execa(
          helmBin,
          ["--kubeconfig", cluster.cp.kubeconfig, "status", "traefik", "-n", "kube-system"],
          { reject: false },
        )
      ).stdout.includes("STATUS: deployed");
      i++
    ) {
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(await releasedValues()).toEqual({ providers: { kubernetesGateway: { enabled: false } } });
  }, 180_000);
  afterAll(async () => cluster?.stop());

  it("plans the HelmChartConfig without writing", async () => {
    const plan = await release(configWith("{ providers: { kubernetesGateway: { enabled: true } } }"), {
      dryRun: true,
    });
    expect(plan.services).toEqual([
      {
        service: "k3s/traefik",
        change: "create",
        status: "planned",
        diff: ["new HelmChartConfig kube-system/traefik"],
        seconds: 0,
      },
    ]);
    expect(releaseWrites(cluster.cp.auditEvents())).toEqual([]);
  }, 60_000);

  it("writes it once; helm-controller re-installs k3s's chart with those values merged", async () => {
    const summary = await release(configWith("{ providers: { kubernetesGateway: { enabled: true } } }"));
    expect(summary.services.map((s) => [s.service, s.change, s.status])).toEqual([
      ["k3s/traefik", "create", "installed"],
    ]);
    expect(configWrites().map((e) => [e.verb, e.objectRef?.name])).toEqual([["patch", "traefik"]]);
    const kube = connect(cluster.cp.kubeconfig);
    const hcc = (await kube.objects.read({
      apiVersion: "helm.cattle.io/v1",
      kind: "HelmChartConfig",
      metadata: { name: "traefik", namespace: "kube-system" },
    } as never)) as unknown as {
      metadata: { labels: Record<string, string> };
      spec: { valuesContent: string };
    };
    expect(hcc.metadata.labels).toMatchObject({
      "app.kubernetes.io/managed-by": "homelab-release",
      "homelab.dev/k3s-component": "traefik",
    });
    expect(hcc.spec.valuesContent).toBe("providers:\n  kubernetesGateway:\n    enabled: true\n");
    // helm-controller hands k3s's values and then the HelmChartConfig's to helm: ours win.
    const cm = await kube.core.readNamespacedConfigMap({ name: "traefik-values", namespace: "kube-system" });
    expect(JSON.parse(cm.data!["values.json"]!)).toMatchObject({
      providers: { kubernetesGateway: { enabled: true }, kubernetesIngress: { enabled: true } },
    });
  }, 120_000);

  it("a re-release with the same values writes nothing", async () => {
    const before = releaseWrites(cluster.cp.auditEvents()).length;
    const summary = await release(configWith("{ providers: { kubernetesGateway: { enabled: true } } }"));
    expect(summary.services.map((s) => [s.service, s.change, s.status])).toEqual([
      ["k3s/traefik", "unchanged", "unchanged"],
    ]);
    await new Promise((r) => setTimeout(r, 500));
    expect(releaseWrites(cluster.cp.auditEvents()).slice(before)).toEqual([]);
  }, 60_000);

  it("changed values are a planned update; removed values give k3s's own back", async () => {
    const next = configWith(
      "{ providers: { kubernetesGateway: { enabled: true } }, ports: { web: { redirectTo: { port: websecure } } } }",
    );
    const plan = await release(next, { dryRun: true });
    expect(plan.services[0]).toMatchObject({ service: "k3s/traefik", change: "update" });
    expect(plan.services[0]!.diff).toEqual(expect.arrayContaining(["values + ports:", "values +   web:"]));
    expect((await release(next)).ok).toBe(true);
    expect(await releasedValues()).toMatchObject({ ports: { web: { redirectTo: { port: "websecure" } } } });

    const removed = await release("k3s:\n  components:\n    servicelb: { enabled: false }\nservices: {}\n");
    expect(removed.services.map((s) => [s.service, s.change, s.status])).toEqual([
      ["k3s/traefik", "delete", "installed"],
    ]);
    expect(progress).toContain("k3s/traefik: HelmChartConfig deleted (k3s's own values apply again)");
    expect(await releasedValues()).toEqual({ providers: { kubernetesGateway: { enabled: false } } });
  }, 180_000);
});
