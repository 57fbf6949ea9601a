import YAML from "yaml";
import type { Kube } from "../cluster/kube.ts";
import { readOptional } from "../cluster/kube.ts";
import { helmChartRef, installJobName } from "../cluster/helm-chart.ts";
import { MANAGED_BY } from "../cluster/managed-helmcharts.ts";
import { lineDiff } from "../plan/diff.ts";
import type { ChangeKind } from "../plan/plan-release.ts";
import type { K3sComponentsConfig } from "./k3s-components.ts";
import { componentValues, K3S_COMPONENTS } from "./k3s-components.ts";

/** Where k3s keeps its own HelmCharts, and so where their HelmChartConfigs must be. */
export const K3S_CHART_NAMESPACE = "kube-system";
/** Label naming the k3s component a HelmChartConfig configures. */
export const COMPONENT_LABEL = "homelab.dev/k3s-component";

/** A HelmChartConfig as this tool writes it. */
export interface HelmChartConfigObject {
  apiVersion: "helm.cattle.io/v1";
  kind: "HelmChartConfig";
  metadata: { name: string; namespace: string; labels: Record<string, string> };
  spec: { valuesContent: string };
}

/** What the release does with one k3s component's HelmChartConfig. */
export interface ComponentPlan {
  /** `k3s/traefik`: how it shows among the services. */
  service: string;
  /** The HelmChart (and HelmChartConfig) name, e.g. `traefik`. */
  component: string;
  change: ChangeKind;
  diff: string[];
  desired?: HelmChartConfigObject;
  /** k3s's HelmChart of the component exists (helm-controller re-runs its install Job on a change). */
  helmChartExists: boolean;
  /** Its install Job's uid now, to tell the Job a change starts from the old one. */
  previousJobUid?: string;
}

interface ExistingConfig {
  metadata: { labels?: Record<string, string> };
  spec?: { valuesContent?: string };
}

/** The HelmChartConfig carrying a component's values. */
export function desiredHelmChartConfig(
  component: string,
  values: Record<string, unknown>,
): HelmChartConfigObject {
  return {
    apiVersion: "helm.cattle.io/v1",
    kind: "HelmChartConfig",
    metadata: {
      name: component,
      namespace: K3S_CHART_NAMESPACE,
      labels: { "app.kubernetes.io/managed-by": MANAGED_BY, [COMPONENT_LABEL]: component },
    },
    spec: { valuesContent: YAML.stringify(values, { sortMapEntries: true, lineWidth: 0 }) },
  };
}

/**
 * Plans the HelmChartConfigs of k3s's Helm-packaged components against the cluster (reads
 * only): create or update one whose values the config gives; delete one this tool wrote
 * whose values the config no longer gives (k3s's own values apply again); nothing else.
 */
export async function planComponents(
  kube: Kube,
  components: K3sComponentsConfig | undefined,
): Promise<ComponentPlan[]> {
  const values = componentValues(components);
  const plans: ComponentPlan[] = [];
  for (const { helmChart } of K3S_COMPONENTS) {
    if (!helmChart) continue;
    const header = { metadata: { name: helmChart, namespace: K3S_CHART_NAMESPACE } };
    const [current, chart, job] = await Promise.all([
      readOptional<ExistingConfig & { apiVersion: string; kind: string }>(kube, {
        apiVersion: "helm.cattle.io/v1",
        kind: "HelmChartConfig",
        ...header,
      }),
      readOptional(kube, helmChartRef(helmChart, K3S_CHART_NAMESPACE)),
      readOptional<{ metadata: { uid?: string } }>(kube, {
        apiVersion: "batch/v1",
        kind: "Job",
        metadata: { name: installJobName(helmChart), namespace: K3S_CHART_NAMESPACE },
      }),
    ]);
    const base = {
      service: `k3s/${helmChart}`,
      component: helmChart,
      helmChartExists: chart !== undefined,
      ...(job?.metadata.uid ? { previousJobUid: job.metadata.uid } : {}),
    };
    const wanted = values.get(helmChart);
    const ours = current?.metadata.labels?.["app.kubernetes.io/managed-by"] === MANAGED_BY;
    if (!wanted) {
      if (current && ours)
        plans.push({
          ...base,
          change: "delete",
          diff: [
            `HelmChartConfig ${K3S_CHART_NAMESPACE}/${helmChart}: k3s.components.${helmChart}.values is gone, k3s's own values apply again`,
          ],
        });
      continue;
    }
    const desired = desiredHelmChartConfig(helmChart, wanted);
    const note = chart
      ? ""
      : ` (no HelmChart ${K3S_CHART_NAMESPACE}/${helmChart} yet: helm-controller applies these values when k3s creates it)`;
    if (!current) {
      plans.push({
        ...base,
        change: "create",
        desired,
        diff: [`new HelmChartConfig ${K3S_CHART_NAMESPACE}/${helmChart}${note}`],
      });
      continue;
    }
    const diff = [
      ...lineDiff(current.spec?.valuesContent ?? "", desired.spec.valuesContent).map((l) => `values ${l}`),
      ...(ours && current.metadata.labels?.[COMPONENT_LABEL] === helmChart
        ? []
        : ["labels (now managed by homelab-release)"]),
    ];
    plans.push({
      ...base,
      change: diff.length ? "update" : "unchanged",
      desired,
      diff: diff.length && note ? [...diff, note.trim()] : diff,
    });
  }
  return plans;
}
