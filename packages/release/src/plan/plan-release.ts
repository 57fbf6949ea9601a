import type { CheckedConfig, CheckedService } from "../config/check-config.ts";
import type { HelmChart } from "../cluster/helm-chart.ts";
import { installJobName } from "../cluster/helm-chart.ts";
import type { Kube } from "../cluster/kube.ts";
import { readOptional } from "../cluster/kube.ts";
import { listManagedHelmCharts } from "../cluster/managed-helmcharts.ts";
import type { PodSecurityLevel } from "../pod-security/classify-pod.ts";
import type { NamespaceLevel } from "../pod-security/namespace-levels.ts";
import { describeLevel, podSecurityLabels } from "../pod-security/namespace-levels.ts";
import type { HelmChartObject, SecretReaders } from "./desired-helmchart.ts";
import { CHART_VERSION_ANNOTATION, userSecretName, withSecretVersionsIn } from "./desired-helmchart.ts";
import { describeDiff } from "./diff.ts";
import { planAuthSecret } from "../upstream/plan-auth-secret.ts";
import type { ComponentPlan } from "../components/plan-components.ts";
import { planComponents } from "../components/plan-components.ts";

export type ChangeKind = "create" | "update" | "unchanged" | "delete";

/** A Secret the release creates in a service's namespace before its HelmChart. */
export interface PlannedSecret {
  /** The chart's secret id (`services.<name>.secrets.<id>`). */
  id: string;
  name: string;
  namespace: string;
  data: Record<string, string>;
  /** True when it exists with the same data: no write. */
  unchanged: boolean;
  /** Default: Opaque. */
  type?: string;
  /** The existing Secret's resourceVersion. */
  resourceVersion?: string;
}

/** What the release will do for one service. */
export interface ServicePlan {
  service: string;
  change: ChangeKind;
  /** Human-readable differences (for update), e.g. `chart version 0.1.0 -> 0.2.0`. */
  diff: string[];
  desired?: HelmChartObject;
  /** The existing HelmChart's install Job uid, to tell the new Job from the old. */
  previousJobUid?: string;
  secrets: PlannedSecret[];
  /** Controllers whose pods read user secrets: their pods roll when one is rotated. */
  secretReaders: SecretReaders;
  /** The target namespace (none for a delete). */
  namespace?: string;
  /** The workloads the chart renders (`Deployment/jellyfin`): released means these run. */
  workloads: string[];
}

/** A target namespace and the Pod Security labels it needs. */
export interface NamespacePlan {
  name: string;
  exists: boolean;
  level: PodSecurityLevel;
  /** The labels to write; empty when they are already as they must be. */
  labels: Record<string, string>;
  /** `privileged (needed by home-assistant: host network)`. */
  why: string;
  services: string[];
}

export interface Plan {
  helmChartNamespace: string;
  /** Every target namespace, written before any service in it. */
  namespaces: NamespacePlan[];
  /** Every enabled service, and each managed HelmChart the config no longer enables (change "delete"). */
  services: ServicePlan[];
  /** The HelmChartConfigs of k3s's own charts (k3s.components), applied before the services. */
  components?: ComponentPlan[];
}

/**
 * Compares the checked config with the cluster (reads only) and says what a release
 * would create, change, leave or delete.
 */
export async function planRelease(kube: Kube, checked: CheckedConfig): Promise<Plan> {
  const ns = checked.helmChartNamespace;
  const existing = await listManagedHelmCharts(kube, ns);
  const namespaces = await Promise.all(checked.namespaces.map((n) => planNamespace(kube, n)));
  const byName = new Map(namespaces.map((n) => [n.name, n]));
  const plans = await Promise.all(
    checked.services.map((s) =>
      planService(kube, {
        service: s,
        helmChartNamespace: ns,
        namespace: byName.get(s.desired.spec.targetNamespace)!,
        current: existing.get(s.name),
      }),
    ),
  );
  const enabledNames = new Set(checked.services.map((s) => s.name));
  for (const name of [...existing.keys()].filter((n) => !enabledNames.has(n))) {
    plans.push({
      service: name,
      change: "delete",
      diff: [`HelmChart ${ns}/${name} is no longer enabled`],
      secrets: [],
      secretReaders: {},
      workloads: [],
    });
  }
  const components = await planComponents(kube, checked.config.k3s?.components);
  return {
    helmChartNamespace: ns,
    namespaces,
    services: plans.sort((a, b) => (a.service < b.service ? -1 : 1)),
    components,
  };
}

/** A target namespace against the cluster: does it exist, are its Pod Security labels right. */
async function planNamespace(kube: Kube, level: NamespaceLevel): Promise<NamespacePlan> {
  const found = await readOptional<{ metadata?: { labels?: Record<string, string> } }>(kube, {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { name: level.namespace },
  });
  const wanted = podSecurityLabels(level.level);
  const labels = Object.entries(wanted).every(([k, v]) => found?.metadata?.labels?.[k] === v) ? {} : wanted;
  return {
    name: level.namespace,
    exists: found !== undefined,
    level: level.level,
    labels,
    why: describeLevel(level),
    services: level.services,
  };
}

/** What planService needs to know about one enabled service. */
export interface ServiceInput {
  service: CheckedService;
  helmChartNamespace: string;
  /** Its target namespace's plan. */
  namespace: NamespacePlan;
  /** Its managed HelmChart as it is in the cluster, if any. */
  current?: HelmChart;
}

/** Plans one enabled service against the cluster (reads only): its secrets and HelmChart. */
export async function planService(kube: Kube, input: ServiceInput): Promise<ServicePlan> {
  const { service, current, helmChartNamespace: ns, namespace } = input;
  const name = service.name;
  const target = namespace.name;
  const plannedSecrets = await planSecrets(kube, name, target, namespace.exists, service.secrets);
  const authSecret = service.upstream ? await planAuthSecret(kube, ns, service.upstream) : undefined;
  if (authSecret) plannedSecrets.push(authSecret);
  // Pods are annotated with the versions of the Secrets they read, as they are now; a
  // rewritten Secret's new version goes in when it is applied (apply/), so its readers roll.
  const secretReaders = service.secretReaders;
  const desired = withSecretVersionsIn(service.desired, secretReaders, secretVersions(plannedSecrets));
  const rolled = Object.entries(secretReaders)
    .filter(([, r]) => r.secrets.some((id) => plannedSecrets.some((p) => p.id === id && !p.unchanged)))
    .map(([cid]) => cid);
  const job = await readOptional<{ metadata: { uid?: string } }>(kube, {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: installJobName(name), namespace: ns },
  });
  const base = {
    service: name,
    desired,
    secrets: plannedSecrets,
    secretReaders,
    namespace: target,
    workloads: service.workloads,
    ...(job?.metadata.uid ? { previousJobUid: job.metadata.uid } : {}),
  };
  // Writes besides the HelmChart: the namespace's Pod Security labels and the service's Secrets.
  const extra = [
    ...(Object.keys(namespace.labels).length
      ? [
          `namespace ${target}: ${namespace.exists ? "label" : "create with"} pod-security.kubernetes.io/enforce=${namespace.why}`,
        ]
      : []),
    ...plannedSecrets
      .filter((s) => !s.unchanged)
      .map((s) => `secret ${s.namespace}/${s.name}: write (value not shown)`),
  ];
  if (!current)
    return {
      ...base,
      change: "create",
      diff: [
        `new HelmChart ${ns}/${name} (chart ${desired.metadata.annotations[CHART_VERSION_ANNOTATION]}) into namespace ${target}`,
        ...extra,
      ],
    };
  const diff = describeDiff(current, desired);
  if (rolled.length > 0) diff.push(`pods of ${rolled.join(", ")} restart to read the rewritten secrets`);
  return { ...base, change: diff.length ? "update" : "unchanged", diff: [...diff, ...extra] };
}

/** The Secrets a service needs in its namespace, each compared with what is there (reads only). */
async function planSecrets(
  kube: Kube,
  service: string,
  namespace: string,
  namespaceExists: boolean,
  secrets: Record<string, Record<string, string>>,
): Promise<PlannedSecret[]> {
  return Promise.all(
    Object.entries(secrets).map(async ([id, data]) => {
      const secretName = userSecretName(service, id);
      const found = namespaceExists
        ? await readOptional<{ data?: Record<string, string>; metadata?: { resourceVersion?: string } }>(
            kube,
            { apiVersion: "v1", kind: "Secret", metadata: { name: secretName, namespace } },
          )
        : undefined;
      const encoded = Object.fromEntries(
        Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString("base64")]),
      );
      const rv = found?.metadata?.resourceVersion;
      return {
        id,
        name: secretName,
        namespace,
        data: encoded,
        unchanged: found !== undefined && sameRecord(found.data ?? {}, encoded),
        ...(rv ? { resourceVersion: rv } : {}),
      };
    }),
  );
}

/** Secret id to the resourceVersion of its Secret as it is now (a rewrite gives it a new one). */
export function secretVersions(secrets: readonly PlannedSecret[]): Record<string, string> {
  return Object.fromEntries(secrets.filter((s) => s.resourceVersion).map((s) => [s.id, s.resourceVersion!]));
}

function sameRecord(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k]);
}
