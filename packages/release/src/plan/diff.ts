import type { HelmChart } from "../cluster/helm-chart.ts";
import { MANAGED_BY } from "../cluster/managed-helmcharts.ts";
import type { HelmChartObject } from "./desired-helmchart.ts";
import { CHART_DIGEST_ANNOTATION, CHART_VERSION_ANNOTATION, SERVICE_LABEL } from "./desired-helmchart.ts";
import { describeSourceDiff } from "../upstream/upstream-helmchart.ts";

/** The differences between an existing managed HelmChart and the desired one, as lines. */
export function describeDiff(current: HelmChart, desired: HelmChartObject): string[] {
  const out: string[] = [];
  const a = current.metadata.annotations ?? {};
  const d = desired.metadata.annotations;
  if (a[CHART_VERSION_ANNOTATION] !== d[CHART_VERSION_ANNOTATION])
    out.push(`chart version ${a[CHART_VERSION_ANNOTATION] ?? "?"} -> ${d[CHART_VERSION_ANNOTATION]}`);
  else if (
    a[CHART_DIGEST_ANNOTATION] !== d[CHART_DIGEST_ANNOTATION] ||
    current.spec?.chartContent !== desired.spec.chartContent
  )
    out.push("chart content changed (same version)");
  out.push(...describeSourceDiff(current, desired));
  if ((current.spec?.targetNamespace ?? "") !== desired.spec.targetNamespace)
    out.push(`target namespace ${current.spec?.targetNamespace ?? "?"} -> ${desired.spec.targetNamespace}`);
  if ((current.spec?.createNamespace ?? false) !== desired.spec.createNamespace)
    out.push(`createNamespace -> ${desired.spec.createNamespace}`);
  for (const key of ["backOffLimit", "timeout", "failurePolicy"] as const) {
    if (current.spec?.[key] !== desired.spec[key])
      out.push(`${key} ${current.spec?.[key] ?? "(helm-controller's default)"} -> ${desired.spec[key]}`);
  }
  if ((current.spec?.valuesContent ?? "") !== desired.spec.valuesContent)
    out.push(
      ...lineDiff(current.spec?.valuesContent ?? "", desired.spec.valuesContent).map((l) => `values ${l}`),
    );
  const labels = current.metadata.labels ?? {};
  if (
    labels["app.kubernetes.io/managed-by"] !== MANAGED_BY ||
    labels[SERVICE_LABEL] !== desired.metadata.labels[SERVICE_LABEL]
  )
    out.push("labels");
  return out;
}

/** A minimal line diff: removed lines with `-`, added with `+` (order kept). */
export function lineDiff(before: string, after: string): string[] {
  const a = before.split("\n").filter((l) => l !== "");
  const b = after.split("\n").filter((l) => l !== "");
  const inB = new Set(b);
  const inA = new Set(a);
  return [
    ...a.filter((l) => !inB.has(l)).map((l) => `- ${l}`),
    ...b.filter((l) => !inA.has(l)).map((l) => `+ ${l}`),
  ];
}
