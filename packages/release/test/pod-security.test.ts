/**
 * Pod Security from what is rendered, judged by the real apiserver's admission: every pod a
 * chart renders is admitted at the level the release computed for it, and refused one level
 * stricter; a shared namespace gets the most permissive need of its services; system
 * namespaces are never touched.
 */
import type { V1Pod } from "@kubernetes/client-node";
import type { ControlPlane, Sandbox } from "@homelab/sandbox";
import { startSandbox } from "@homelab/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kube } from "../src/cluster/kube.ts";
import { apiMessage, connect } from "../src/cluster/kube.ts";
import type { CheckedService } from "../src/config/check-config.ts";
import { checkConfig } from "../src/config/check-config.ts";
import { executePlan } from "../src/execute-plan.ts";
import type { PodSecurityLevel } from "../src/pod-security/classify-pod.ts";
import { LEVELS } from "../src/pod-security/classify-pod.ts";
import { podSecurityLabels } from "../src/pod-security/namespace-levels.ts";
import { prepareRelease } from "../src/prepare-release.ts";
import { releaseWrites, root, runCli, writeConfig } from "./helpers.ts";

const SHARED = `
services:
  jellyfin: { namespace: shared }
  home-assistant: { namespace: shared }
  vaultwarden: { namespace: shared }
  uptime-kuma: {}
  paperless-ngx: {}
  adguard-home: {}
release:
  timeoutSeconds: 120
`;

/** Asks the apiserver to admit (dry run) every pod of a service in `namespace`; returns the refusals. */
async function refusals(kube: Kube, service: CheckedService, namespace: string): Promise<string[]> {
  const out: string[] = [];
  for (const [i, pod] of service.pods.entries()) {
    const body: V1Pod = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name: `${service.name}-${i}`,
        namespace,
        ...(pod.metadata.annotations ? { annotations: pod.metadata.annotations } : {}),
      },
      spec: pod.spec,
    };
    try {
      await kube.core.createNamespacedPod({ namespace, body, dryRun: "All" });
    } catch (e) {
      out.push(`${pod.workload}: ${apiMessage(e)}`);
    }
  }
  return out;
}

/** A namespace enforcing `level`, with the service accounts the pods name. */
async function namespaceAt(
  kube: Kube,
  name: string,
  level: PodSecurityLevel,
  services: readonly CheckedService[],
): Promise<void> {
  await kube.core.createNamespace({ body: { metadata: { name, labels: podSecurityLabels(level) } } });
  const accounts = new Set(
    services.flatMap((s) => s.pods.map((p) => p.spec.serviceAccountName ?? "default")),
  );
  for (const sa of accounts) {
    // The controller-manager makes `default` itself; the others the charts would make.
    await kube.core
      .createNamespacedServiceAccount({ namespace: name, body: { metadata: { name: sa } } })
      .catch((e: unknown) => {
        if ((e as { code?: number }).code !== 409) throw e;
      });
  }
}

describe("Pod Security from the rendered pods (real admission)", () => {
  let cluster: Sandbox;
  let cp: ControlPlane;
  let kube: Kube;
  beforeAll(async () => {
    cluster = await startSandbox();
    cp = cluster.cp;
    kube = connect(cp.kubeconfig);
  }, 180_000);
  afterAll(async () => cluster?.stop());

  it("admits every rendered pod at its computed level and refuses it one level stricter", async () => {
    const { configFile } = writeConfig(SHARED);
    const checked = await checkConfig({ root, configFile, env: {} });
    const levels = Object.fromEntries(checked.services.map((s) => [s.name, s.podSecurity.level]));
    expect(levels["home-assistant"]).toBe("privileged");
    expect(levels["vaultwarden"]).toBe("restricted");
    for (const level of LEVELS) await namespaceAt(kube, `psa-${level}`, level, checked.services);
    for (const service of checked.services) {
      const level = service.podSecurity.level;
      expect(await refusals(kube, service, `psa-${level}`), `${service.name} at ${level}`).toEqual([]);
      const stricter = LEVELS[LEVELS.indexOf(level) - 1];
      if (stricter) {
        const refused = await refusals(kube, service, `psa-${stricter}`);
        expect(refused.length, `${service.name} at ${stricter}`).toBeGreaterThan(0);
        expect(refused.join("\n")).toMatch(/violates PodSecurity/);
      }
    }
  }, 180_000);

  it("labels a shared namespace with the most permissive need, says which service needs it, and every pod is admitted", async () => {
    const { configFile } = writeConfig(SHARED);
    const prepared = await prepareRelease({ root, configFile, kubeconfig: cp.releaseKubeconfig, env: {} });
    const shared = prepared.plan.namespaces.find((n) => n.name === "shared")!;
    expect(shared).toMatchObject({
      level: "privileged",
      services: ["home-assistant", "jellyfin", "vaultwarden"],
    });
    expect(shared.why).toMatch(
      /^privileged \(needed by home-assistant: Deployment\/home-assistant: host network/,
    );
    const jellyfin = prepared.plan.services.find((s) => s.service === "jellyfin")!;
    expect(jellyfin.diff).toContain(
      `namespace shared: create with pod-security.kubernetes.io/enforce=${shared.why}`,
    );

    const summary = await executePlan(prepared.kube, prepared.plan, prepared.config, { timeoutMs: 120_000 });
    expect(summary.services.filter((s) => s.status === "failed")).toEqual([]);
    const ns = await kube.core.readNamespace({ name: "shared" });
    expect(ns.metadata!.labels).toMatchObject(podSecurityLabels("privileged"));
    // Every pod of the three services was admitted in `shared` and runs.
    const inShared = summary.services.filter((s) =>
      ["home-assistant", "jellyfin", "vaultwarden"].includes(s.service),
    );
    expect(inShared.map((s) => [s.service, s.pods])).toEqual([
      ["home-assistant", { ready: 1, total: 1 }],
      ["jellyfin", { ready: 1, total: 1 }],
      ["vaultwarden", { ready: 1, total: 1 }],
    ]);
    const pods = await kube.core.listNamespacedPod({ namespace: "shared" });
    expect(pods.items.map((p) => p.status?.phase)).toEqual(["Running", "Running", "Running"]);
    const events = await kube.core.listNamespacedEvent({ namespace: "shared" });
    expect(events.items.filter((e) => e.reason === "FailedCreate")).toEqual([]);
  }, 300_000);

  it("refuses kube-system as a target before anything is written, and leaves its labels alone", async () => {
    const before = (await kube.core.readNamespace({ name: "kube-system" })).metadata!.labels;
    const writes = releaseWrites(cp.auditEvents()).length;
    const { configFile } = writeConfig("services:\n  uptime-kuma:\n    namespace: kube-system\n");
    const r = await runCli(["--config", configFile, "--kubeconfig", cp.releaseKubeconfig]);
    expect(r.exitCode).toBe(2);
    expect(r.all).toMatch(
      /homelab\.yaml:3:16: services\.uptime-kuma\.namespace: kube-system is a system namespace.*Fix: give uptime-kuma a namespace of its own/,
    );
    expect(r.all).toContain("nothing was applied");
    expect((await kube.core.readNamespace({ name: "kube-system" })).metadata!.labels).toEqual(before);
    expect(Object.keys(before ?? {}).some((k) => k.startsWith("pod-security.kubernetes.io/"))).toBe(false);
    expect(releaseWrites(cp.auditEvents()).slice(writes)).toEqual([]);
  }, 120_000);
});
