import { join } from "node:path";
import type { ServicePackage } from "@homelab/chart-kit";
import { loadAllServices } from "@homelab/chart-kit";
import { ConfigErrors } from "../errors.ts";
import { podAnnotationsKey } from "../plan/chart-values.ts";
import type { HelmChartObject, PackagedChart, SecretReaders } from "../plan/desired-helmchart.ts";
import {
  desiredHelmChart,
  installSettings,
  packageService,
  userSecretName,
} from "../plan/desired-helmchart.ts";
import type { NamespaceLevel, ServicePodSecurity } from "../pod-security/namespace-levels.ts";
import { namespaceLevels, servicePodSecurity } from "../pod-security/namespace-levels.ts";
import { checkSecretIds } from "./check-secret-ids.ts";
import { checkValues } from "./check-values.ts";
import { readConfig } from "./load-config.ts";
import { shownPath } from "./read-input-file.ts";
import type { RenderedPod } from "./rendered-objects.ts";
import { renderedPods, renderedWorkloads, secretsReadBy } from "./rendered-objects.ts";
import type { HomelabConfig, ServiceConfig } from "./schema.ts";
import type { ResolvedSecrets } from "./secrets.ts";
import { resolveSecrets } from "./secrets.ts";
import type { UpstreamChart } from "../upstream/resolve-upstream.ts";
import { resolveUpstreamCharts } from "../upstream/resolve-upstream.ts";
import { upstreamHelmChart } from "../upstream/upstream-helmchart.ts";

export interface CheckConfigInput {
  /** Repository root (apps/ is read from here). */
  root: string;
  /** The homelab config file. Default: `<root>/homelab.yaml`. */
  configFile?: string;
  /** The .env file secrets may come from. Default: `<root>/.env`. */
  envFile?: string;
  /** Default: process.env. */
  env?: NodeJS.ProcessEnv;
}

/** One enabled service, checked: its chart, values, rendered pods, Pod Security need and secrets. */
export interface CheckedService {
  name: string;
  config: ServiceConfig;
  chart: PackagedChart;
  /** The desired HelmChart before the pods' secret versions are known (they come from the cluster). */
  desired: HelmChartObject;
  pods: RenderedPod[];
  /** The workloads it keeps running, e.g. `Deployment/jellyfin`. */
  workloads: string[];
  podSecurity: ServicePodSecurity;
  /** Controllers whose pods read the user secrets, from the rendered pods. */
  secretReaders: SecretReaders;
  /** Secret values: chart secret id -> key -> value. */
  secrets: Record<string, Record<string, string>>;
  /** An upstream chart (services.<name>.chart), found and pulled. */
  upstream?: UpstreamChart;
}

/** The whole config, checked without a cluster. */
export interface CheckedConfig {
  /** The config file as shown in messages. */
  file: string;
  config: HomelabConfig;
  helmChartNamespace: string;
  /** Enabled services, by name. */
  services: CheckedService[];
  /** Each target namespace's Pod Security level. */
  namespaces: NamespaceLevel[];
  /** Plain values that look like credentials, as `file:line:col: field: problem. Fix: ...`. */
  warnings: string[];
  /** Every service package in apps/. */
  packages: Map<string, ServicePackage>;
}

/**
 * Everything that can be checked without a cluster, before a sandbox starts or a host is
 * touched: the YAML (size, aliases, syntax), the schema, the secret ids and that every secret
 * is set, and every service's values rendered by the real helm against its chart. Throws
 * ConfigErrors (exit code 2) listing every problem of the first stage that has any.
 */
export async function checkConfig(input: CheckConfigInput): Promise<CheckedConfig> {
  const configFile = input.configFile ?? join(input.root, "homelab.yaml");
  const shown = shownPath(configFile);
  const packages = await loadAllServices(input.root);
  const { config, warnings } = readConfig(configFile, [...packages.keys()]);
  return checkServices({
    config,
    packages,
    file: shown,
    warnings,
    envFile: input.envFile ?? join(input.root, ".env"),
    ...(input.env ? { env: input.env } : {}),
  });
}

export interface CheckServicesInput {
  /** A config that passed the schema (readConfig). */
  config: HomelabConfig;
  packages: Map<string, ServicePackage>;
  /** The config file as shown in messages. */
  file: string;
  warnings?: string[];
  /** Default: none (secrets only from `env`). */
  envFile?: string;
  /** Default: process.env. */
  env?: NodeJS.ProcessEnv;
}

/** checkConfig after the file is read: secret ids, secrets, and every service's values rendered by helm. */
export async function checkServices(input: CheckServicesInput): Promise<CheckedConfig> {
  const { config, packages, file: shown } = input;
  const enabled = Object.entries(config.services)
    .filter(([, s]) => s.enabled !== false)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  const upstream = await resolveUpstreamCharts({
    file: shown,
    services: new Map(enabled.filter(([, s]) => s.chart).map(([name, s]) => [name, s.chart!])),
    envFile: input.envFile ?? "/nonexistent/.env",
    ...(input.env ? { env: input.env } : {}),
  });
  const ours = new Map(
    enabled.filter(([, s]) => !s.chart).map(([name]) => [name, packageService(packages.get(name)!)]),
  );
  const charts = new Map([...ours, ...[...upstream.charts].map(([name, u]) => [name, u.chart] as const)]);
  const errors = [...checkSecretIds(config, ours, shown), ...upstream.errors];
  let secrets: ResolvedSecrets = {};
  try {
    secrets = resolveSecrets(config, shown, input.envFile ?? "/nonexistent/.env", input.env);
  } catch (e) {
    if (!(e instanceof ConfigErrors)) throw e;
    errors.push(...e.errors);
  }
  if (errors.length > 0) throw new ConfigErrors(errors);
  const ns = config.release?.helmChartNamespace ?? "kube-system";
  const desired = new Map(
    enabled.map(([name, s]) => {
      const own = desiredHelmChart(charts.get(name)!, s, ns, installSettings(config, name));
      const u = upstream.charts.get(name);
      return [name, u ? upstreamHelmChart(own, u, s.values) : own] as const;
    }),
  );
  const rendered = await checkValues(
    enabled.map(([name]) => ({ service: name, chart: charts.get(name)!, desired: desired.get(name)! })),
    shown,
  );
  const services = enabled.map(([name, s]): CheckedService => {
    const pods = renderedPods(rendered.get(name) ?? []);
    const target = desired.get(name)!.spec.targetNamespace;
    return {
      name,
      config: s,
      chart: charts.get(name)!,
      desired: desired.get(name)!,
      pods,
      workloads: renderedWorkloads(rendered.get(name) ?? []),
      podSecurity: servicePodSecurity(name, target, pods),
      secretReaders: secretReadersOf(name, Object.keys(s.secrets ?? {}), pods, charts.get(name)!),
      secrets: secrets[name] ?? {},
      ...(upstream.charts.has(name) ? { upstream: upstream.charts.get(name)! } : {}),
    };
  });
  return {
    file: shown,
    config,
    helmChartNamespace: ns,
    services,
    namespaces: namespaceLevels(services.map((s) => s.podSecurity)),
    warnings: input.warnings ?? [],
    packages,
  };
}

/**
 * The controllers whose rendered pods read one of the service's user Secrets, with the
 * secret ids they read. A controller whose chart takes no pod annotations is left out (its
 * pods cannot be rolled by the release).
 */
function secretReadersOf(
  service: string,
  ids: readonly string[],
  pods: readonly RenderedPod[],
  chart: PackagedChart,
): SecretReaders {
  const readers: SecretReaders = {};
  const byName = new Map(ids.map((id) => [userSecretName(service, id), id]));
  for (const pod of [...pods].sort((a, b) => ((a.controllerId ?? "") < (b.controllerId ?? "") ? -1 : 1))) {
    if (!pod.controllerId) continue;
    const read = [...secretsReadBy(pod.spec)]
      .map((n) => byName.get(n))
      .filter((id): id is string => id !== undefined);
    const key = podAnnotationsKey(chart.valuesSchema, pod.controllerId);
    if (read.length === 0 || !key) continue;
    const secrets = [...new Set([...(readers[pod.controllerId]?.secrets ?? []), ...read])].sort();
    readers[pod.controllerId] = { secrets, annotationsKey: key };
  }
  return readers;
}
