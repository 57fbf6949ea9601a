import { findTool } from "@homelab/toolbox";
import type { ControlPlane, Sandbox } from "@homelab/sandbox";
import { startSandbox, waitFor } from "@homelab/sandbox";
import { PatchStrategy } from "@kubernetes/client-node";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "../src/cluster/kube.ts";
import { executePlan } from "../src/execute-plan.ts";
import { prepareRelease } from "../src/prepare-release.ts";
import { cli, helmReleases, root, writeConfig } from "./helpers.ts";

const ALL = `
services:
  jellyfin: {}
  home-assistant: {}
  vaultwarden: {}
  adguard-home: {}
  uptime-kuma: {}
  paperless-ngx: {}
release:
  concurrency: 1
  timeoutSeconds: 90
`;

describe("release under interruption and conflict", () => {
  let cluster: Sandbox;
  let cp: ControlPlane;
  beforeAll(async () => {
    cluster = await startSandbox();
    cp = cluster.cp;
  }, 180_000);
  afterAll(async () => cluster?.stop());

  it("converges when a release killed half-way is run again: nothing lost or duplicated", async () => {
    const { configFile } = writeConfig(ALL);
    const first = execa("node", [cli, "--config", configFile, "--kubeconfig", cp.releaseKubeconfig], {
      cwd: root,
      reject: false,
      all: true,
    });
    let output = "";
    first.all!.on("data", (d: Buffer) => (output += d.toString()));
    await waitFor("the first HelmChart to be applied", async () => /HelmChart created/.test(output), 60_000);
    first.kill("SIGKILL");
    await first;
    const kube = connect(cp.kubeconfig);
    const listCharts = async () =>
      (
        (await kube.objects.list("helm.cattle.io/v1", "HelmChart", "kube-system")) as unknown as {
          items: { metadata: { name: string } }[];
        }
      ).items
        .map((i) => i.metadata.name)
        .sort();
    expect((await listCharts()).length).toBeLessThan(6);

    const prepared = await prepareRelease({ root, configFile, kubeconfig: cp.releaseKubeconfig, env: {} });
    const summary = await executePlan(prepared.kube, prepared.plan, prepared.config, {
      timeoutMs: 90_000,
      concurrency: 6,
    });
    expect(summary.ok).toBe(true);
    expect(summary.services.every((s) => s.status === "installed" || s.status === "unchanged")).toBe(true);
    expect(await listCharts()).toEqual([
      "adguard-home",
      "home-assistant",
      "jellyfin",
      "paperless-ngx",
      "uptime-kuma",
      "vaultwarden",
    ]);
    const releases = await helmReleases(cp.kubeconfig, findTool("helm"));
    expect(releases.map((r) => `${r.name}:${r.status}:${r.revision}`).sort()).toEqual([
      "adguard-home:deployed:1",
      "home-assistant:deployed:1",
      "jellyfin:deployed:1",
      "paperless-ngx:deployed:1",
      "uptime-kuma:deployed:1",
      "vaultwarden:deployed:1",
    ]);
  }, 180_000);

  it("keeps a generated secret across upgrades (helm's lookup against the real apiserver)", async () => {
    const kube = connect(cp.kubeconfig);
    const read = async () =>
      (await kube.core.readNamespacedSecret({ name: "paperless-ngx-app", namespace: "paperless-ngx" })).data!
        .SECRET_KEY!;
    const before = await read();
    expect(Buffer.from(before, "base64").toString()).toMatch(/^[A-Za-z0-9]{64}$/);
    const changed = ALL.replace(
      "  paperless-ngx: {}",
      "  paperless-ngx:\n    values: { controllers: { main: { containers: { main: { env: { PAPERLESS_OCR_LANGUAGE: deu } } } } } }",
    );
    const { configFile } = writeConfig(changed);
    const prepared = await prepareRelease({ root, configFile, kubeconfig: cp.releaseKubeconfig, env: {} });
    const summary = await executePlan(prepared.kube, prepared.plan, prepared.config, { timeoutMs: 90_000 });
    expect(summary.services.find((s) => s.service === "paperless-ngx")).toMatchObject({
      change: "update",
      status: "installed",
    });
    const rel = (await helmReleases(cp.kubeconfig, findTool("helm"))).find(
      (r) => r.name === "paperless-ngx",
    )!;
    expect(Number(rel.revision)).toBe(2);
    expect(await read()).toBe(before);
  }, 120_000);

  it("fails only the service whose HelmChart another field manager owns, with the reason, and exits non-zero", async () => {
    const kube = connect(cp.kubeconfig);
    // Someone else takes ownership of jellyfin's values.
    await kube.objects.patch(
      {
        apiVersion: "helm.cattle.io/v1",
        kind: "HelmChart",
        metadata: { name: "jellyfin", namespace: "kube-system" },
        spec: { valuesContent: "# owned by hand\n" },
      } as never,
      undefined,
      undefined,
      "kubectl-edit",
      true,
      PatchStrategy.ServerSideApply,
    );
    const changed = ALL.replace(
      "  jellyfin: {}",
      "  jellyfin:\n    values: { controllers: { main: { containers: { main: { env: { TZ: Europe/Paris } } } } } }",
    ).replace(
      "  uptime-kuma: {}",
      "  uptime-kuma:\n    values: { ingress: { main: { hosts: [{ host: up.test, paths: [{ path: /, service: { identifier: main, port: http } }] }] } } }",
    );
    const { configFile } = writeConfig(changed);
    const r = await execa("node", [cli, "--config", configFile, "--kubeconfig", cp.releaseKubeconfig], {
      cwd: root,
      reject: false,
      all: true,
    });
    expect(r.exitCode).toBe(1);
    expect(r.all).toMatch(
      /jellyfin: apply rejected: 409: Apply failed with 1 conflict: conflict with "kubectl-edit".*spec\.valuesContent/,
    );
    expect(r.all).toMatch(/uptime-kuma\s+update\s+ok installed/);
    expect(r.all).toMatch(/1 service\(s\) failed: jellyfin\. The others were released/);
  }, 120_000);
});
