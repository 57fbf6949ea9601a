import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { findTool } from "@homelab/toolbox";
import type { ControlPlane, Sandbox } from "@homelab/sandbox";
import { startSandbox } from "@homelab/sandbox";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { connect } from "../src/cluster/kube.ts";
import { executePlan } from "../src/execute-plan.ts";
import { prepareRelease } from "../src/prepare-release.ts";
import { helmReleases, releaseWrites, root, runCli, writeConfig } from "./helpers.ts";

const BASE = `
services:
  uptime-kuma: {}
  vaultwarden:
    namespace: passwords
    values:
      ingress: { main: { hosts: [{ host: vault.test, paths: [{ path: /, service: { identifier: main, port: http } }] }] } }
    secrets:
      admin:
        ADMIN_TOKEN: { env: TEST_VAULTWARDEN_TOKEN }
release:
  timeoutSeconds: 90
`;

describe("release on the test control plane (real apiserver and helm-controller)", () => {
  let cluster: Sandbox;
  let cp: ControlPlane;
  let helmBin: string;
  const release = async (
    configText: string,
    opts: { prune?: boolean; dryRun?: boolean; dotenv?: string } = {},
  ) => {
    const { configFile, envFile } = writeConfig(
      configText,
      opts.dotenv ?? "TEST_VAULTWARDEN_TOKEN=s3cret-admin-token\n",
    );
    const prepared = await prepareRelease({
      root,
      configFile,
      envFile,
      kubeconfig: cp.releaseKubeconfig,
      env: {},
    });
    return executePlan(prepared.kube, prepared.plan, prepared.config, { ...opts, timeoutMs: 90_000 });
  };

  beforeAll(async () => {
    helmBin = findTool("helm");
    cluster = await startSandbox();
    cp = cluster.cp;
  }, 180_000);
  afterAll(async () => cluster?.stop());

  /** The values helm has for the vaultwarden release (`helm get values -o json`). */
  const vaultwardenValues = async (): Promise<unknown> =>
    JSON.parse(
      (
        await execa(helmBin, [
          "--kubeconfig",
          cp.kubeconfig,
          "get",
          "values",
          "vaultwarden",
          "-n",
          "passwords",
          "-o",
          "json",
        ])
      ).stdout,
    );

  it("plans a first release without writing anything", async () => {
    const summary = await release(BASE, { dryRun: true });
    expect(summary.services.map((s) => [s.service, s.change, s.status])).toEqual([
      ["uptime-kuma", "create", "planned"],
      ["vaultwarden", "create", "planned"],
    ]);
    expect(releaseWrites(cp.auditEvents())).toEqual([]);
  });

  it("installs every service through HelmCharts and helm-controller's Jobs", async () => {
    const summary = await release(BASE);
    expect(summary.ok).toBe(true);
    expect(summary.services.map((s) => [s.service, s.status])).toEqual([
      ["uptime-kuma", "installed"],
      ["vaultwarden", "installed"],
    ]);
    const releases = await helmReleases(cp.kubeconfig, helmBin);
    expect(releases.map((r) => [r.name, r.namespace, r.status])).toEqual(
      expect.arrayContaining([
        ["uptime-kuma", "uptime-kuma", "deployed"],
        ["vaultwarden", "passwords", "deployed"],
      ]),
    );
    const kube = connect(cp.kubeconfig);
    const hcObj = (await kube.objects.read({
      apiVersion: "helm.cattle.io/v1",
      kind: "HelmChart",
      metadata: { name: "vaultwarden", namespace: "kube-system" },
    } as never)) as unknown as {
      metadata: { labels: Record<string, string>; managedFields: { manager: string; operation: string }[] };
      spec: {
        valuesContent: string;
        targetNamespace: string;
        createNamespace: boolean;
        chartContent: string;
      };
    };
    expect(hcObj.metadata.labels["app.kubernetes.io/managed-by"]).toBe("homelab-release");
    expect(hcObj.metadata.managedFields).toContainEqual(
      expect.objectContaining({ manager: "homelab-release", operation: "Apply" }),
    );
    expect(hcObj.spec).toMatchObject({ targetNamespace: "passwords", createNamespace: true });
    expect(Buffer.from(hcObj.spec.chartContent, "base64").subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    // The secret's value reaches the namespace as a Secret, never the HelmChart's values.
    expect(hcObj.spec.valuesContent).not.toContain("s3cret-admin-token");
    expect(YAML.parse(hcObj.spec.valuesContent)).toMatchObject({
      secrets: { admin: { existingSecret: "homelab-vaultwarden-admin" } },
    });
    const ns = await kube.core.readNamespace({ name: "passwords" });
    expect(ns.metadata!.labels).toMatchObject({ "pod-security.kubernetes.io/enforce": "restricted" });
    const secret = await kube.core.readNamespacedSecret({
      name: "homelab-vaultwarden-admin",
      namespace: "passwords",
    });
    expect(Buffer.from(secret.data!.ADMIN_TOKEN!, "base64").toString()).toBe("s3cret-admin-token");
    expect(await vaultwardenValues()).toMatchObject({
      ingress: { main: { hosts: [{ host: "vault.test" }] } },
    });
  }, 150_000);

  it("re-releases an unchanged config with zero writes", async () => {
    const before = releaseWrites(cp.auditEvents()).length;
    const summary = await release(BASE);
    expect(summary.services.map((s) => [s.service, s.change, s.status])).toEqual([
      ["uptime-kuma", "unchanged", "unchanged"],
      ["vaultwarden", "unchanged", "unchanged"],
    ]);
    await new Promise((r) => setTimeout(r, 500));
    expect(releaseWrites(cp.auditEvents()).slice(before)).toEqual([]);
  }, 60_000);

  it("upgrades a service whose values changed, and only that one", async () => {
    const changed = BASE.replace("vault.test", "vault2.test");
    const plan = await release(changed, { dryRun: true });
    const vw = plan.services.find((s) => s.service === "vaultwarden")!;
    expect(vw.change).toBe("update");
    expect(vw.diff).toContainEqual(expect.stringMatching(/^values - +- host: vault\.test$/));
    expect(vw.diff).toContainEqual(expect.stringMatching(/^values \+ +- host: vault2\.test$/));
    const summary = await release(changed);
    expect(summary.services.map((s) => [s.service, s.status])).toEqual([
      ["uptime-kuma", "unchanged"],
      ["vaultwarden", "installed"],
    ]);
    expect(await vaultwardenValues()).toMatchObject({
      ingress: { main: { hosts: [{ host: "vault2.test" }] } },
    });
    const rel = (await helmReleases(cp.kubeconfig, helmBin)).find((r) => r.name === "vaultwarden")!;
    expect(Number(rel.revision)).toBe(2);
  }, 150_000);

  it("rolls the pods that read a rotated secret, never putting the secret in the HelmChart", async () => {
    const config = BASE.replace("vault.test", "vault2.test");
    const kube = connect(cp.kubeconfig);
    const secretVersion = async () =>
      (await kube.core.readNamespacedSecret({ name: "homelab-vaultwarden-admin", namespace: "passwords" }))
        .metadata!.resourceVersion!;
    const podAnnotations = async () => {
      const list = (await kube.objects.list("apps/v1", "Deployment", "passwords")) as unknown as {
        items: { spec: { template: { metadata?: { annotations?: Record<string, string> } } } }[];
      };
      return list.items.map((d) => d.spec.template.metadata?.annotations?.["homelab.dev/secret-versions"]);
    };
    const original = await secretVersion();
    expect(await podAnnotations()).toEqual([`admin=${original}`]);

    const rotated = { dotenv: "TEST_VAULTWARDEN_TOKEN=rotated-admin-token\n" };
    const plan = await release(config, { ...rotated, dryRun: true });
    const vw = plan.services.find((s) => s.service === "vaultwarden")!;
    expect([vw.change, plan.services.find((s) => s.service === "uptime-kuma")!.change]).toEqual([
      "update",
      "unchanged",
    ]);
    expect(vw.diff).toEqual([
      "pods of main restart to read the rewritten secrets",
      "secret passwords/homelab-vaultwarden-admin: write (value not shown)",
    ]);

    const summary = await release(config, rotated);
    expect(summary.services.map((s) => [s.service, s.status])).toEqual([
      ["uptime-kuma", "unchanged"],
      ["vaultwarden", "installed"],
    ]);
    const after = await secretVersion();
    expect(after).not.toBe(original);
    expect(await podAnnotations()).toEqual([`admin=${after}`]);
    const hc = (await kube.objects.read({
      apiVersion: "helm.cattle.io/v1",
      kind: "HelmChart",
      metadata: { name: "vaultwarden", namespace: "kube-system" },
    } as never)) as unknown as { spec: { valuesContent: string } };
    expect(hc.spec.valuesContent).not.toContain("rotated-admin-token");
    expect((await release(config, rotated)).services.map((s) => s.status)).toEqual([
      "unchanged",
      "unchanged",
    ]);

    // Back to the original token: rolled again.
    expect((await release(config)).services.map((s) => s.status)).toEqual(["unchanged", "installed"]);
    expect(await podAnnotations()).toEqual([`admin=${await secretVersion()}`]);
  }, 200_000);

  it("reports a chart that fails to install, with helm's reason, and installs the others", async () => {
    const failing =
      `${BASE.replace("vault.test", "vault2.test")}
  jellyfin:
    values:
      rawResources:
        widget: { apiVersion: widgets.example.com/v1, kind: Widget, spec: { spec: { size: 1 } } }
`.replace("release:\n  timeoutSeconds: 90\n", "") + "release:\n  timeoutSeconds: 90\n";
    const summary = await release(failing);
    expect(summary.ok).toBe(false);
    const jf = summary.services.find((s) => s.service === "jellyfin")!;
    expect(jf.status).toBe("failed");
    expect(jf.reason).toMatch(/helm exited with code 1/);
    expect(jf.logExcerpt).toMatch(/Widget/);
    expect(
      summary.services.filter((s) => s.service !== "jellyfin").every((s) => s.status === "unchanged"),
    ).toBe(true);
  }, 150_000);

  it("keeps a service the config dropped until --prune, then uninstalls it and keeps its data", async () => {
    const without = BASE.replace("  uptime-kuma: {}\n", "");
    const kept = await release(without);
    expect(kept.services.find((s) => s.service === "uptime-kuma")).toMatchObject({
      change: "delete",
      status: "kept",
    });
    expect(kept.services.find((s) => s.service === "jellyfin")).toMatchObject({
      change: "delete",
      status: "kept",
    });
    const pruned = await release(without, { prune: true });
    expect(pruned.services.find((s) => s.service === "uptime-kuma")).toMatchObject({
      change: "delete",
      status: "pruned",
    });
    const releases = await helmReleases(cp.kubeconfig, helmBin);
    expect(releases.map((r) => r.name)).not.toContain("uptime-kuma");
    expect(releases.map((r) => r.name)).toContain("vaultwarden");
    const kube = connect(cp.kubeconfig);
    const claims = await kube.core.listNamespacedPersistentVolumeClaim({ namespace: "uptime-kuma" });
    expect(claims.items.map((c) => c.metadata!.name)).toContain("uptime-kuma-data");
  }, 180_000);

  it("rejects bad config files with the file, field and fix, and writes nothing", async () => {
    const cases: [string, string, RegExp][] = [
      [
        "unknown service",
        "services:\n  jelyfin: {}\n",
        /homelab\.yaml:2:3: services\.jelyfin: unknown key "jelyfin"\. Fix: use one of: adguard-home, .*home-assistant, .*jellyfin/,
      ],
      ["YAML syntax error", "services:\n  jellyfin: {values: [}\n", /homelab\.yaml:2:\d+: YAML syntax error/],
      [
        "wrong type",
        "services:\n  jellyfin:\n    enabled: yes please\n",
        /homelab\.yaml:3:14: services\.jellyfin\.enabled: is the string "yes please", expected boolean/,
      ],
      [
        "wrong k3s version",
        "k3s:\n  version: 1.35\nservices: {}\n",
        /homelab\.yaml:2:12: k3s\.version: is number 1\.35, expected string/,
      ],
      [
        "k3s version without +k3s",
        "k3s:\n  version: v1.35.4\nservices: {}\n",
        /k3s\.version: "v1\.35\.4" does not have the expected form .*Fix: write it like v1\.35\.4\+k3s1/,
      ],
      [
        "missing secret",
        BASE,
        /services\.vaultwarden\.secrets\.admin\.ADMIN_TOKEN: environment variable TEST_VAULTWARDEN_TOKEN is not set\. Fix: export TEST_VAULTWARDEN_TOKEN=/,
      ],
      [
        "values against the chart's schema",
        "services:\n  uptime-kuma:\n    values:\n      controllers: { main: { replicas: many } }\n",
        /services\.uptime-kuma\.values: rejected by the uptime-kuma chart: .*replicas.*integer/,
      ],
      [
        "a secret the chart does not have",
        "services:\n  uptime-kuma:\n    secrets:\n      admin:\n        X: { env: X }\n",
        /services\.uptime-kuma\.secrets\.admin: the uptime-kuma chart has no secret "admin"\. Fix: remove it/,
      ],
    ];
    const before = releaseWrites(cp.auditEvents()).length;
    for (const [what, text, message] of cases) {
      const { configFile } = writeConfig(text);
      const r = await runCli(["--config", configFile, "--kubeconfig", cp.releaseKubeconfig]);
      expect(r.exitCode, what).toBe(2);
      expect(r.all, what).toMatch(message);
      expect(r.all, what).toContain("nothing was applied");
      expect(r.all, what).not.toMatch(/\n\s+at /);
    }
    expect(releaseWrites(cp.auditEvents()).slice(before)).toEqual([]);
  }, 120_000);

  it("exits 3 when the cluster cannot be reached, after the config was checked", async () => {
    const { configFile, dir } = writeConfig("services:\n  uptime-kuma: {}\n");
    const kubeconfig = join(dir, "unreachable.kubeconfig");
    writeFileSync(
      kubeconfig,
      readFileSync(cp.releaseKubeconfig, "utf8").replace(
        /server: https:\/\/127\.0\.0\.1:\d+/,
        "server: https://127.0.0.1:1",
      ),
    );
    const r = await runCli(["--config", configFile, "--kubeconfig", kubeconfig]);
    expect(r.exitCode, r.all).toBe(3);
    expect(r.all).toMatch(
      /cannot read HelmCharts in kube-system: .*Fix: check that the kubeconfig points at the cluster/,
    );
    expect(r.all).toContain("nothing was applied");
  }, 120_000);

  it("checks the whole config before a sandbox starts: a values typo stops it in seconds", async () => {
    const { configFile } = writeConfig(
      "services:\n  uptime-kuma:\n    values: { controllers: { main: { replicas: many } } }\n",
    );
    const started = Date.now();
    const r = await runCli(["--config", configFile, "--target", "sandbox"]);
    expect(r.exitCode, r.all).toBe(2);
    expect(r.all).toMatch(/services\.uptime-kuma\.values: rejected by the uptime-kuma chart: .*replicas/);
    expect(r.all).not.toContain("sandbox: starting");
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 120_000);
});
