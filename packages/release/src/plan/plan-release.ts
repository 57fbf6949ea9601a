import type { ServicePackage } from "@homelab/chart-kit";
import { podSecurityLevel } from "@homelab/chart-kit";
import type { ResolvedSecrets } from "../config/secrets.ts";
import type { HomelabConfig, ServiceConfig } from "../config/schema.ts";
import { ClusterUnreachableError } from "../errors.ts";
import type { HelmChartObject } from "./desired-helmchart.ts";
import { CHART_VERSION_ANNOTATION, desiredHelmChart, MANAGED_SELECTOR, secretReaders as secretReadersOf, userSecretName, withSecretVersionsIn } from "./desired-helmchart.ts";
import { describeDiff } from "./diff.ts";
import type { Kube } from "../cluster/kube.ts";
import { apiMessage, readOptional, statusOf } from "../cluster/kube.ts";

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
  /** Controller id to the secret ids its pods read: their pods roll when one is rotated. */
  secretReaders: Record<string, string[]>;
  /** The target namespace exists already. */
  namespaceExists: boolean;
  /** The target namespace's labels (Pod Security level) as they must be; empty when they already are. */
  namespaceLabels: Record<string, string>;
}

export interface Plan {
  helmChartNamespace: string;
  /** Every enabled service, and each managed HelmChart the config no longer enables (change "delete"). */
  services: ServicePlan[];
}

export interface ExistingHelmChart {
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: Partial<HelmChartObject["spec"]>;
}

/**
 * Compares the config with the cluster (reads only) and says what a release
 * would create, change, leave or delete.
 */
export async function planRelease(kube: Kube, config: HomelabConfig, services: Map<string, ServicePackage>, secrets: ResolvedSecrets): Promise<Plan> {
  const ns = config.release?.helmChartNamespace ?? "kube-system";
  const existing = await listManagedHelmCharts(kube, ns);
  const enabled = Object.entries(config.services).filter(([, s]) => s.enabled !== false);
  const plans = await Promise.all(
    enabled.map(([name, s]) =>
      planService(kube, { pkg: services.get(name)!, config: s, secrets: secrets[name] ?? {}, helmChartNamespace: ns, current: existing.get(name) }),
    ),
  );
  const enabledNames = new Set(enabled.map(([n]) => n));
  for (const name of [...existing.keys()].filter((n) => !enabledNames.has(n))) {
    plans.push({ service: name, change: "delete", diff: [`HelmChart ${ns}/${name} is no longer enabled`], secrets: [], secretReaders: {}, namespaceExists: true, namespaceLabels: {} });
  }
  return { helmChartNamespace: ns, services: plans.sort((a, b) => (a.service < b.service ? -1 : 1)) };
}

/** The HelmCharts this tool manages in `namespace`, by name. */
async function listManagedHelmCharts(kube: Kube, namespace: string): Promise<Map<string, ExistingHelmChart>> {
  try {
    const listed = (await kube.objects.list("helm.cattle.io/v1", "HelmChart", namespace, undefined, undefined, undefined, undefined, MANAGED_SELECTOR)) as unknown as { items: ExistingHelmChart[] };
    return new Map(listed.items.map((h) => [h.metadata.name, h]));
  } catch (e) {
    if (statusOf(e) === 404) {
      throw new ClusterUnreachableError("the cluster does not serve helm.cattle.io/v1 HelmChart", "release into k3s (its helm-controller serves the HelmChart CRD), or install k3s-io/helm-controller in the cluster");
    }
    throw new ClusterUnreachableError(`cannot read HelmCharts in ${namespace}: ${apiMessage(e)}`, "check that the kubeconfig points at the cluster and its user may read helm.cattle.io HelmCharts", e);
  }
}

/** What planService needs to know about one enabled service. */
export interface ServiceInput {
  pkg: ServicePackage;
  config: ServiceConfig;
  /** The service's secret values: chart secret id -> key -> value. */
  secrets: Record<string, Record<string, string>>;
  helmChartNamespace: string;
  /** Its managed HelmChart as it is in the cluster, if any. */
  current?: ExistingHelmChart;
}

/** Plans one enabled service against the cluster (reads only): its namespace, secrets and HelmChart. */
export async function planService(kube: Kube, input: ServiceInput): Promise<ServicePlan> {
  const { pkg, config, current, helmChartNamespace: ns } = input;
  const name = pkg.definition.name;
  const unversioned = desiredHelmChart(pkg, config, ns);
  const target = unversioned.spec.targetNamespace;
  const namespace = await readOptional<{ metadata?: { labels?: Record<string, string> } }>(kube, { apiVersion: "v1", kind: "Namespace", metadata: { name: target } });
  const namespaceExists = namespace !== undefined;
  const wanted = podSecurityLabels(podSecurityLevel(pkg.definition));
  const namespaceLabels = Object.entries(wanted).every(([k, v]) => namespace?.metadata?.labels?.[k] === v) ? {} : wanted;
  const plannedSecrets = await planSecrets(kube, name, target, namespaceExists, input.secrets);
  // Pods are annotated with the versions of the Secrets they read, as they are now; a
  // rewritten Secret's new version goes in when it is applied (apply/), so its readers roll.
  const secretReaders = secretReadersOf(pkg, config);
  const desired = withSecretVersionsIn(unversioned, secretReaders, secretVersions(plannedSecrets));
  const rolled = Object.entries(secretReaders)
    .filter(([, ids]) => ids.some((id) => plannedSecrets.some((p) => p.id === id && !p.unchanged)))
    .map(([cid]) => cid);
  const job = await readOptional<{ metadata: { uid?: string } }>(kube, { apiVersion: "batch/v1", kind: "Job", metadata: { name: `helm-install-${name}`, namespace: ns } });
  const base = { service: name, desired, secrets: plannedSecrets, secretReaders, namespaceExists, namespaceLabels, ...(job?.metadata.uid ? { previousJobUid: job.metadata.uid } : {}) };
  // Writes besides the HelmChart: the namespace's Pod Security labels and the service's Secrets.
  const extra = [
    ...(Object.keys(namespaceLabels).length ? [`namespace ${target}: ${namespaceExists ? "label" : "create with"} pod-security.kubernetes.io/enforce=${namespaceLabels["pod-security.kubernetes.io/enforce"]}`] : []),
    ...plannedSecrets.filter((s) => !s.unchanged).map((s) => `secret ${s.namespace}/${s.name}: write (value not shown)`),
  ];
  if (!current) return { ...base, change: "create", diff: [`new HelmChart ${ns}/${name} (chart ${desired.metadata.annotations[CHART_VERSION_ANNOTATION]}) into namespace ${target}`, ...extra] };
  const diff = describeDiff(current, desired);
  if (rolled.length > 0) diff.push(`pods of ${rolled.join(", ")} restart to read the rewritten secrets`);
  return { ...base, change: diff.length ? "update" : "unchanged", diff: [...diff, ...extra] };
}

/** The Secrets a service needs in its namespace, each compared with what is there (reads only). */
async function planSecrets(kube: Kube, service: string, namespace: string, namespaceExists: boolean, secrets: Record<string, Record<string, string>>): Promise<PlannedSecret[]> {
  return Promise.all(
    Object.entries(secrets).map(async ([id, data]) => {
      const secretName = userSecretName(service, id);
      const found = namespaceExists ? await readOptional<{ data?: Record<string, string>; metadata?: { resourceVersion?: string } }>(kube, { apiVersion: "v1", kind: "Secret", metadata: { name: secretName, namespace } }) : undefined;
      const encoded = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString("base64")]));
      const rv = found?.metadata?.resourceVersion;
      return { id, name: secretName, namespace, data: encoded, unchanged: found !== undefined && sameRecord(found.data ?? {}, encoded), ...(rv ? { resourceVersion: rv } : {}) };
    }),
  );
}

/** Secret id to the resourceVersion of its Secret as it is now (a rewrite gives it a new one). */
export function secretVersions(secrets: readonly PlannedSecret[]): Record<string, string> {
  return Object.fromEntries(secrets.filter((s) => s.resourceVersion).map((s) => [s.id, s.resourceVersion!]));
}

/** Namespace labels that make the apiserver enforce (and warn and audit) a Pod Security level. */
export function podSecurityLabels(level: string): Record<string, string> {
  return {
    "pod-security.kubernetes.io/enforce": level,
    "pod-security.kubernetes.io/warn": level,
    "pod-security.kubernetes.io/audit": level,
  };
}

function sameRecord(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k]);
}

