/**
 * The whole catalog (every service in apps/) released into one sandbox through the real CLI,
 * with namespaces as a homelab would choose them: the media services that share the
 * downloads tree together, the two DNS servers apart, home automation together. Released
 * means running: the summary says every pod is ready, and the cluster agrees: each workload
 * the chart rendered (helm's own manifest) has its replicas ready, cron jobs exist, every
 * Secret, ConfigMap and claim a pod refers to exists with the keys it reads (a kubelet refuses
 * to start a container otherwise; kwok does not check), every Service has ready endpoints for
 * its ports (host-network pods: see the sandbox limitation below), and each namespace enforces
 * the Pod Security level its charts declare.
 *
 * Also: homelab.example.yaml passes the whole config check that needs no cluster.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ServicePackage } from "@homelab/chart-kit";
import { loadAllServices } from "@homelab/chart-kit";
import type { Sandbox } from "@homelab/sandbox";
import { startSandbox } from "@homelab/sandbox";
import { findTool } from "@homelab/toolbox";
import type { V1Pod } from "@kubernetes/client-node";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import type { Kube } from "../src/cluster/kube.ts";
import { connect } from "../src/cluster/kube.ts";
import { checkServices } from "../src/config/check-config.ts";
import { readConfig } from "../src/config/load-config.ts";
import type { ReleaseSummary } from "../src/execute-plan.ts";
import { root, runCli, writeConfig } from "./helpers.ts";

/** Where each service goes; a service not named here gets a namespace of its own (its name). */
const NAMESPACES: Record<string, string> = {
  // One media/downloads tree: the *arr services, the download client and the players.
  sonarr: "media",
  radarr: "media",
  prowlarr: "media",
  qbittorrent: "media",
  jellyseerr: "media",
  jellyfin: "media",
  audiobookshelf: "media",
  navidrome: "media",
  // Home automation: the broker and its clients.
  "home-assistant": "home",
  esphome: "home",
  "node-red": "home",
  mosquitto: "home",
  zigbee2mqtt: "home",
  // Each DNS server alone: both want port 53 and their own network policy.
  "adguard-home": "dns",
  pihole: "pihole",
  "paperless-ngx": "documents",
  nextcloud: "documents",
  vaultwarden: "passwords",
  grafana: "monitoring",
  "uptime-kuma": "monitoring",
};

/** Authelia's users file as an installer gives it (the digest is of a throwaway password). */
const AUTHELIA_USERS = [
  "users:",
  "  admin:",
  "    displayname: Admin",
  "    email: admin@example.test",
  "    password: '$argon2id$v=19$m=65536,t=3,p=4$IRm+oVUMyw7Y0I8xVkcKZw$" +
    "yvFN1Uj4AXo/X8apqECDMdHb963KWCRqMx4/BV6cfl8'",
  "    groups: [admins]",
  "",
].join("\n");

/** Secrets the user supplies (config `secrets:`) from the environment: id -> key -> [variable, value]. */
const USER_SECRETS: Record<string, Record<string, Record<string, [string, string]>>> = {
  vaultwarden: { admin: { ADMIN_TOKEN: ["CATALOG_VAULTWARDEN_TOKEN", "catalog-admin-token-0123456789"] } },
  mosquitto: { auth: { MQTT_PASSWORD: ["CATALOG_MQTT_PASSWORD", "catalog-mqtt-password"] } },
  authelia: { users: { "users_database.yml": ["CATALOG_AUTHELIA_USERS", AUTHELIA_USERS] } },
};

const LEVELS = ["restricted", "baseline", "privileged"] as const;
type Level = (typeof LEVELS)[number];
const morePermissive = (a: Level, b: Level): Level => (LEVELS.indexOf(a) >= LEVELS.indexOf(b) ? a : b);

const namespaceOf = (service: string) => NAMESPACES[service] ?? service;

function catalogConfig(services: readonly string[]): string {
  const entries = services.map((name) => {
    const secrets = USER_SECRETS[name];
    const entry = {
      ...(NAMESPACES[name] ? { namespace: NAMESPACES[name] } : {}),
      ...(secrets
        ? {
            secrets: Object.fromEntries(
              Object.entries(secrets).map(([id, keys]) => [
                id,
                Object.fromEntries(Object.entries(keys).map(([key, [env]]) => [key, { env }])),
              ]),
            ),
          }
        : {}),
    };
    return [name, entry] as const;
  });
  return YAML.stringify({
    services: Object.fromEntries(entries),
    release: { timeoutSeconds: 240 },
  });
}

const secretEnv = () =>
  Object.fromEntries(
    Object.values(USER_SECRETS).flatMap((ids) =>
      Object.values(ids).flatMap((keys) => Object.values(keys).map(([env, value]) => [env, value])),
    ),
  );

interface ManifestObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  spec?: {
    replicas?: number;
    selector?: Record<string, string>;
    ports?: { name?: string; port: number; targetPort?: number | string }[];
  };
}

/** The objects helm installed for a release, as helm itself recorded them. */
async function helmManifest(
  kubeconfig: string,
  helmBin: string,
  name: string,
  ns: string,
): Promise<ManifestObject[]> {
  const r = await execa(helmBin, ["--kubeconfig", kubeconfig, "get", "manifest", name, "--namespace", ns]);
  return YAML.parseAllDocuments(r.stdout)
    .map((d) => d.toJS() as ManifestObject | null)
    .filter((o): o is ManifestObject => o !== null && typeof o === "object" && "kind" in o);
}

/** Why a kubelet would not run this pod: a Secret, ConfigMap, key, claim or port it needs is missing. */
async function missingReferences(kube: Kube, pod: V1Pod): Promise<string[]> {
  const ns = pod.metadata!.namespace!;
  const problems: string[] = [];
  const secrets = new Map<string, Record<string, string> | null>();
  const configMaps = new Map<string, Record<string, string> | null>();
  const secretKeys = async (name: string) => {
    if (!secrets.has(name)) {
      const s = await kube.core.readNamespacedSecret({ name, namespace: ns }).catch(() => undefined);
      secrets.set(name, s ? (s.data ?? {}) : null);
    }
    return secrets.get(name)!;
  };
  const configMapKeys = async (name: string) => {
    if (!configMaps.has(name)) {
      const c = await kube.core.readNamespacedConfigMap({ name, namespace: ns }).catch(() => undefined);
      configMaps.set(name, c ? { ...(c.data ?? {}), ...(c.binaryData ?? {}) } : null);
    }
    return configMaps.get(name)!;
  };
  const need = async (
    kind: "Secret" | "ConfigMap",
    name: string,
    keys: string[],
    optional: boolean | undefined,
    where: string,
  ) => {
    if (optional) return;
    const data = kind === "Secret" ? await secretKeys(name) : await configMapKeys(name);
    if (data === null) problems.push(`${where}: ${kind} ${ns}/${name} does not exist`);
    else
      for (const k of keys)
        if (!(k in data)) problems.push(`${where}: ${kind} ${ns}/${name} has no key ${k}`);
  };
  const spec = pod.spec!;
  for (const v of spec.volumes ?? []) {
    const where = `volume ${v.name}`;
    if (v.secret)
      await need(
        "Secret",
        v.secret.secretName!,
        (v.secret.items ?? []).map((i) => i.key),
        v.secret.optional,
        where,
      );
    if (v.configMap)
      await need(
        "ConfigMap",
        v.configMap.name!,
        (v.configMap.items ?? []).map((i) => i.key),
        v.configMap.optional,
        where,
      );
    for (const s of v.projected?.sources ?? []) {
      if (s.secret)
        await need(
          "Secret",
          s.secret.name!,
          (s.secret.items ?? []).map((i) => i.key),
          s.secret.optional,
          where,
        );
      if (s.configMap)
        await need(
          "ConfigMap",
          s.configMap.name!,
          (s.configMap.items ?? []).map((i) => i.key),
          s.configMap.optional,
          where,
        );
    }
    if (v.persistentVolumeClaim) {
      const name = v.persistentVolumeClaim.claimName;
      const claim = await kube.core
        .readNamespacedPersistentVolumeClaim({ name, namespace: ns })
        .catch(() => undefined);
      if (claim?.status?.phase !== "Bound")
        problems.push(`${where}: claim ${ns}/${name} is ${claim ? claim.status?.phase : "missing"}`);
    }
  }
  for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
    const where = `container ${c.name}`;
    for (const e of c.env ?? []) {
      const s = e.valueFrom?.secretKeyRef;
      const m = e.valueFrom?.configMapKeyRef;
      if (s) await need("Secret", s.name!, [s.key], s.optional, `${where} env ${e.name}`);
      if (m) await need("ConfigMap", m.name!, [m.key], m.optional, `${where} env ${e.name}`);
    }
    for (const f of c.envFrom ?? []) {
      if (f.secretRef) await need("Secret", f.secretRef.name!, [], f.secretRef.optional, `${where} envFrom`);
      if (f.configMapRef)
        await need("ConfigMap", f.configMapRef.name!, [], f.configMapRef.optional, `${where} envFrom`);
    }
    // A file mounted by subPath from a Secret or ConfigMap must be one of its keys (or items).
    for (const m of c.volumeMounts ?? []) {
      const v = (spec.volumes ?? []).find((x) => x.name === m.name);
      if (!m.subPath || !v) continue;
      const file = m.subPath.split("/")[0]!;
      const source = v.secret
        ? {
            kind: "Secret" as const,
            name: v.secret.secretName!,
            items: v.secret.items,
            optional: v.secret.optional,
          }
        : v.configMap
          ? {
              kind: "ConfigMap" as const,
              name: v.configMap.name!,
              items: v.configMap.items,
              optional: v.configMap.optional,
            }
          : undefined;
      if (!source) continue;
      if (source.items) {
        if (!source.items.some((i) => i.path.split("/")[0] === file)) {
          problems.push(
            `${where} mount ${m.mountPath}: subPath ${m.subPath} is not a path of volume ${v.name}'s items`,
          );
        }
      } else await need(source.kind, source.name, [file], source.optional, `${where} mount ${m.mountPath}`);
    }
    // A probe on a named port needs a port of that name, or the kubelet never sees it ready.
    const names = new Set((c.ports ?? []).map((p) => p.name).filter((n) => n !== undefined));
    for (const [kind, probe] of Object.entries({
      startup: c.startupProbe,
      liveness: c.livenessProbe,
      readiness: c.readinessProbe,
    })) {
      const port = probe?.httpGet?.port ?? probe?.tcpSocket?.port;
      if (typeof port === "string" && !names.has(port))
        problems.push(`${where} ${kind} probe: no port named ${port}`);
    }
  }
  return problems.map((p) => `pod ${pod.metadata!.name} ${p}`);
}

describe("the whole catalog in one sandbox", () => {
  let cluster: Sandbox;
  let kube: Kube;
  let helmBin: string;
  let packages: Map<string, ServicePackage>;
  let summary: ReleaseSummary;
  let byService: Map<string, ReleaseSummary["services"][number]>;

  beforeAll(async () => {
    helmBin = findTool("helm");
    packages = await loadAllServices(root);
    cluster = await startSandbox();
    kube = connect(cluster.cp.kubeconfig);
  }, 180_000);
  afterAll(async () => cluster?.stop());

  it("names only catalog services in its namespace choices", () => {
    expect(Object.keys(NAMESPACES).filter((s) => !packages.has(s))).toEqual([]);
    expect(Object.keys(USER_SECRETS).filter((s) => !packages.has(s))).toEqual([]);
    expect(packages.size).toBeGreaterThanOrEqual(30);
  });

  it("releases every service through the CLI; the summary says each one runs, every pod ready", async () => {
    const { configFile } = writeConfig(catalogConfig([...packages.keys()]));
    const r = await runCli(
      ["--kubeconfig", cluster.kubeconfig, "--config", configFile, "--json"],
      secretEnv(),
    );
    expect(r.stdout, r.stderr.split("\n").slice(-40).join("\n")).toMatch(/^\{/);
    summary = JSON.parse(r.stdout) as ReleaseSummary;
    byService = new Map(summary.services.map((s) => [s.service, s]));
    const failed = summary.services.filter((s) => s.status !== "installed");
    expect(failed.map((s) => `${s.service}: ${s.status}: ${s.reason ?? ""}`)).toEqual([]);
    expect(r.exitCode, r.stderr.split("\n").slice(-20).join("\n")).toBe(0);
    expect(summary.ok).toBe(true);
    expect(summary.services.map((s) => s.service)).toEqual([...packages.keys()]);
    for (const s of summary.services) {
      expect(s.change, s.service).toBe("create");
      expect(s.pods, s.service).toBeDefined();
      expect(s.pods!.total, s.service).toBeGreaterThan(0);
      expect(s.pods!.ready, s.service).toBe(s.pods!.total);
    }
  }, 420_000);

  it("runs every workload helm installed: replicas ready, cron jobs there, the pods the summary counts", async () => {
    expect(summary, "the release ran").toBeDefined();
    const problems: string[] = [];
    const cronJobs: string[] = [];
    await Promise.all(
      [...packages.keys()].map(async (service) => {
        const ns = namespaceOf(service);
        const objects = await helmManifest(cluster.cp.kubeconfig, helmBin, service, ns);
        let wanted = 0;
        for (const o of objects) {
          const at = `${service}: ${o.kind}/${o.metadata.name}`;
          const name = o.metadata.name;
          if (o.kind === "Deployment" || o.kind === "StatefulSet") {
            const w =
              o.kind === "Deployment"
                ? await kube.apps.readNamespacedDeployment({ name, namespace: ns })
                : await kube.apps.readNamespacedStatefulSet({ name, namespace: ns });
            const replicas = w.spec?.replicas ?? 1;
            wanted += replicas;
            if (replicas === 0 || (w.status?.readyReplicas ?? 0) !== replicas) {
              problems.push(`${at}: ${w.status?.readyReplicas ?? 0}/${replicas} ready`);
            }
          } else if (o.kind === "DaemonSet") {
            const d = await kube.apps.readNamespacedDaemonSet({ name, namespace: ns });
            wanted += d.status?.desiredNumberScheduled ?? 0;
            if (
              !d.status?.desiredNumberScheduled ||
              d.status.numberReady !== d.status.desiredNumberScheduled
            ) {
              problems.push(
                `${at}: ${d.status?.numberReady ?? 0}/${d.status?.desiredNumberScheduled ?? 0} ready`,
              );
            }
          } else if (o.kind === "CronJob") {
            const c = await kube.batch.readNamespacedCronJob({ name, namespace: ns }).catch(() => undefined);
            if (!c) problems.push(`${at}: missing`);
            else cronJobs.push(`${service}: ${name} ${c.spec!.schedule}`);
          }
        }
        const counted = byService.get(service)?.pods?.total;
        if (counted !== wanted)
          problems.push(`${service}: the summary counts ${counted} pods, its workloads want ${wanted}`);
      }),
    );
    expect(problems.sort()).toEqual([]);
    // Nextcloud's background job is a CronJob: no pod to wait for, but there.
    expect(cronJobs).toContainEqual(expect.stringMatching(/^nextcloud: /));
  }, 120_000);

  it("gives every pod what a kubelet needs to start it: Secrets, ConfigMaps, keys, bound claims", async () => {
    expect(summary, "the release ran").toBeDefined();
    const namespaces = [...new Set([...packages.keys()].map(namespaceOf))].sort();
    const problems: string[] = [];
    let checked = 0;
    for (const namespace of namespaces) {
      const pods = await kube.core.listNamespacedPod({ namespace });
      for (const pod of pods.items) {
        // Pods of Jobs (a cron run) come and go; the workloads' pods must all run.
        if (pod.metadata?.ownerReferences?.some((o) => o.kind === "Job")) continue;
        checked++;
        const ready = pod.status?.conditions?.find((c) => c.type === "Ready")?.status === "True";
        if (pod.status?.phase !== "Running" || !ready)
          problems.push(`pod ${namespace}/${pod.metadata!.name}: ${pod.status?.phase}, not ready`);
        problems.push(...(await missingReferences(kube, pod)));
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBe(summary.services.reduce((n, s) => n + (s.pods?.total ?? 0), 0));
  }, 120_000);

  it("has a ready endpoint behind every port of every Service the charts define", async () => {
    expect(summary, "the release ran").toBeDefined();
    interface Slice {
      metadata: { labels?: Record<string, string> };
      endpoints?: { conditions?: { ready?: boolean } }[];
      ports?: { name?: string }[];
    }
    const slicesOf = new Map<string, Slice[]>();
    const podsOf = new Map<string, V1Pod[]>();
    const problems: string[] = [];
    let services = 0;
    let hostNetwork = 0;
    for (const service of packages.keys()) {
      const ns = namespaceOf(service);
      if (!slicesOf.has(ns)) {
        const list = await kube.objects.list("discovery.k8s.io/v1", "EndpointSlice", ns);
        slicesOf.set(ns, list.items as unknown as Slice[]);
        podsOf.set(ns, (await kube.core.listNamespacedPod({ namespace: ns })).items);
      }
      const objects = await helmManifest(cluster.cp.kubeconfig, helmBin, service, ns);
      for (const o of objects.filter((x) => x.kind === "Service" && x.spec?.selector)) {
        services++;
        const at = `${service}: Service ${ns}/${o.metadata.name}`;
        const selected = podsOf
          .get(ns)!
          .filter((p) => Object.entries(o.spec!.selector!).every(([k, v]) => p.metadata?.labels?.[k] === v));
        if (selected.length > 0 && selected.every((p) => p.spec?.hostNetwork)) {
          // Sandbox limitation: the kwok node's address is 127.0.0.1, so host-network pods get
          // it as their IP and the apiserver refuses loopback addresses in EndpointSlices. On a
          // real node it is the node's address. Checked directly: each port reaches a container port.
          hostNetwork++;
          for (const port of o.spec!.ports ?? []) {
            const target = port.targetPort ?? port.port;
            const open = selected.every((p) =>
              p.spec!.containers.some((c) =>
                (c.ports ?? []).some((cp) => cp.name === target || cp.containerPort === target),
              ),
            );
            if (!open)
              problems.push(`${at} port ${port.name ?? port.port}: target ${target} is no container port`);
          }
          continue;
        }
        const slices = slicesOf
          .get(ns)!
          .filter((x) => x.metadata.labels?.["kubernetes.io/service-name"] === o.metadata.name);
        for (const port of o.spec!.ports ?? []) {
          const serving = slices.some(
            (x) =>
              (x.ports ?? []).some((p) => (p.name ?? "") === (port.name ?? "")) &&
              (x.endpoints ?? []).some((e) => e.conditions?.ready),
          );
          if (!serving) problems.push(`${at} port ${port.name ?? port.port}: no ready endpoint`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(services).toBeGreaterThanOrEqual(packages.size);
    expect(hostNetwork, "home-assistant and esphome run on the host network").toBeGreaterThanOrEqual(2);
  }, 120_000);

  it("enforces the Pod Security level its charts declare in each namespace; user secrets stay out of values", async () => {
    expect(summary, "the release ran").toBeDefined();
    const expected = new Map<string, Level>();
    for (const [service, pkg] of packages) {
      const chart = YAML.parse(readFileSync(join(pkg.chartDir, "Chart.yaml"), "utf8")) as {
        annotations: Record<string, string>;
      };
      const level = chart.annotations["homelab.dev/pod-security"] as Level;
      expect(LEVELS, service).toContain(level);
      const ns = namespaceOf(service);
      expect(byService.get(service)!.diff.join("\n"), service).toContain(`into namespace ${ns}`);
      expected.set(ns, morePermissive(expected.get(ns) ?? "restricted", level));
    }
    const actual = new Map<string, string>();
    for (const ns of expected.keys()) {
      const n = await kube.core.readNamespace({ name: ns });
      actual.set(ns, n.metadata!.labels!["pod-security.kubernetes.io/enforce"]!);
    }
    expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));
    expect(expected.get("home")).toBe("privileged");
    expect(expected.get("media")).toBe("restricted");

    for (const [service, ids] of Object.entries(USER_SECRETS)) {
      const hc = (await kube.objects.read({
        apiVersion: "helm.cattle.io/v1",
        kind: "HelmChart",
        metadata: { name: service, namespace: "kube-system" },
      } as never)) as unknown as {
        spec: { valuesContent: string };
      };
      for (const [id, keys] of Object.entries(ids)) {
        const secret = await kube.core.readNamespacedSecret({
          name: `homelab-${service}-${id}`,
          namespace: namespaceOf(service),
        });
        for (const [key, [, value]] of Object.entries(keys)) {
          expect(Buffer.from(secret.data![key]!, "base64").toString(), `${service} ${id} ${key}`).toBe(value);
          for (const line of value.split("\n").filter((l) => l.trim().length > 12)) {
            expect(hc.spec.valuesContent, `${service} ${id} ${key}`).not.toContain(line.trim());
          }
        }
      }
    }
  }, 60_000);
});

describe("homelab.example.yaml", () => {
  it("passes the config check: schema, secrets, every catalog service's values rendered by helm", async () => {
    const packages = await loadAllServices(root);
    const file = join(root, "homelab.example.yaml");
    const { config, warnings } = readConfig(file, [...packages.keys()]);
    expect(warnings).toEqual([]);
    expect(config.hosts?.length).toBeGreaterThan(0);
    // Upstream charts (cert-manager) come from the internet, which tests do not reach: the
    // catalog services are checked, the upstream ones only against the schema above.
    const upstream = Object.entries(config.services).filter(([, s]) => s.chart);
    expect(upstream.map(([name]) => name)).toEqual(["cert-manager"]);
    const ours = Object.fromEntries(Object.entries(config.services).filter(([, s]) => !s.chart));
    expect(Object.keys(ours).length).toBeGreaterThanOrEqual(12);
    const env: Record<string, string> = {};
    for (const s of Object.values(ours)) {
      for (const keys of Object.values(s.secrets ?? {}))
        for (const src of Object.values(keys)) env[src.env] = `example-${src.env.toLowerCase()}`;
    }
    expect(Object.keys(env).length).toBeGreaterThan(0);
    const checked = await checkServices({
      config: { ...config, services: ours },
      packages,
      file: "homelab.example.yaml",
      env,
    });
    expect(checked.services.map((s) => s.name)).toEqual(Object.keys(ours).sort());

    // The *arr services, the download client and the player mount ONE NFS tree at /data:
    // same server, same export, same path in every container, so hardlinks and moves work.
    const sharing = ["sonarr", "radarr", "qbittorrent", "jellyfin"];
    const mounts = sharing.map((name) => {
      const s = checked.services.find((x) => x.name === name)!;
      const pod = s.pods.find((p) => p.spec.volumes?.some((v) => v.nfs))!;
      expect(pod, `${name} has an NFS volume`).toBeDefined();
      const volume = pod.spec.volumes!.find((v) => v.nfs)!;
      const paths = pod.spec.containers.flatMap((c) =>
        (c.volumeMounts ?? []).filter((m) => m.name === volume.name).map((m) => m.mountPath),
      );
      return {
        server: volume.nfs!.server,
        path: volume.nfs!.path,
        at: [...new Set(paths)],
        namespace: s.podSecurity.namespace,
      };
    });
    expect(new Set(mounts.map((m) => JSON.stringify({ ...m, at: m.at })))).toHaveProperty("size", 1);
    expect(mounts[0]!.at).toEqual(["/data"]);
    // An NFS volume is not allowed under restricted: the media namespace runs at baseline.
    const media = checked.namespaces.find((n) => n.namespace === mounts[0]!.namespace)!;
    expect(media.level).toBe("baseline");
  }, 180_000);
});
