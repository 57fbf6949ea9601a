import YAML from "yaml";
import type { HelmChartObject } from "../plan/desired-helmchart.ts";
import { CHART_VERSION_ANNOTATION } from "../plan/desired-helmchart.ts";
import type { ChartSource } from "./chart-source-schema.ts";
import type { UpstreamChart } from "./resolve-upstream.ts";

/** Annotation of an upstream service's HelmChart: where its chart comes from (`https://charts.jetstack.io cert-manager`). */
const CHART_SOURCE_ANNOTATION = "homelab.dev/chart-source";

/** The kubernetes.io/basic-auth Secret beside the HelmChart that holds a private repository's credentials. */
export const authSecretName = (service: string) => `homelab-${service}-repo-auth`;

/** `https://charts.jetstack.io cert-manager` or `oci://registry/path/chart`. */
export const sourceText = (s: ChartSource) => (s.oci ? s.oci : `${s.repo} ${s.name}`);

/**
 * The HelmChart of an upstream service: `repo` + `chart` (a Helm repository) or `chart` as
 * the oci reference, `version`, and `repoCA` / `authSecret` / `plainHTTP` when the source
 * needs them, instead of the inline chart. Its values are the config's values as they are:
 * an upstream chart has its own way to name existing Secrets, so the Secrets from `secrets:`
 * (`homelab-<service>-<id>`) are referenced by name in `values`.
 */
export function upstreamHelmChart(
  desired: HelmChartObject,
  upstream: UpstreamChart,
  values: Record<string, unknown> | undefined,
): HelmChartObject {
  const spec = { ...desired.spec };
  delete spec.chartContent;
  const s = upstream.source;
  return {
    ...desired,
    metadata: {
      ...desired.metadata,
      annotations: { ...desired.metadata.annotations, [CHART_SOURCE_ANNOTATION]: sourceText(s) },
    },
    spec: {
      ...spec,
      ...(s.oci ? { chart: s.oci } : { repo: s.repo!, chart: s.name! }),
      version: s.version,
      valuesContent:
        values && Object.keys(values).length
          ? YAML.stringify(values, { sortMapEntries: true, lineWidth: 0 })
          : "",
      ...(upstream.caPem ? { repoCA: upstream.caPem } : {}),
      ...(upstream.auth ? { authSecret: { name: authSecretName(upstream.service) } } : {}),
      ...(s.plainHttp ? { plainHTTP: true } : {}),
    },
  };
}

/** The spec fields that say where a chart comes from, as an existing HelmChart has them. */
interface SourceFields {
  chartContent?: string;
  repo?: string;
  chart?: string;
  version?: string;
  repoCA?: string;
  authSecret?: { name?: string };
  plainHTTP?: boolean;
}

interface Side {
  metadata: { annotations?: Record<string, string> };
  spec?: SourceFields;
}

/**
 * Differences in where the chart comes from: inline chart <-> repository, another repository
 * or chart, CA, credentials, plain HTTP, and a `version` changed in the cluster behind the
 * annotation's back. (A new pinned version shows as `chart version a -> b`.)
 */
export function describeSourceDiff(current: Side, desired: Side): string[] {
  const a = current.spec ?? {};
  const d = desired.spec ?? {};
  const where = (x: SourceFields) =>
    x.chartContent ? "inline chart" : x.repo ? `${x.repo} ${x.chart ?? "?"}` : (x.chart ?? "nothing");
  const out: string[] = [];
  if (where(a) !== where(d)) out.push(`chart source ${where(a)} -> ${where(d)}`);
  const annotated = current.metadata.annotations?.[CHART_VERSION_ANNOTATION];
  if (
    (a.version ?? "") !== (d.version ?? "") &&
    annotated === desired.metadata.annotations?.[CHART_VERSION_ANNOTATION]
  ) {
    out.push(`version ${a.version || "(none)"} -> ${d.version || "(none)"} (changed in the cluster)`);
  }
  if ((a.repoCA ?? "") !== (d.repoCA ?? ""))
    out.push(d.repoCA ? (a.repoCA ? "repoCA changed" : "repoCA added") : "repoCA removed");
  if ((a.authSecret?.name ?? "") !== (d.authSecret?.name ?? ""))
    out.push(`authSecret ${a.authSecret?.name ?? "(none)"} -> ${d.authSecret?.name ?? "(none)"}`);
  if (Boolean(a.plainHTTP) !== Boolean(d.plainHTTP)) out.push(`plainHTTP -> ${Boolean(d.plainHTTP)}`);
  return out;
}
