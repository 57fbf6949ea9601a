import { createHash } from "node:crypto";
import type { ServicePackage } from "@homelab/chart-kit";
import { buildChart, buildInputOf, packageChart } from "@homelab/chart-kit";
import YAML from "yaml";
import type { ServiceConfig } from "../config/schema.ts";

/** Field manager of every write this tool makes. */
export const FIELD_MANAGER = "homelab-release";
/** Label value marking objects this tool manages (app.kubernetes.io/managed-by). */
export const MANAGED_BY = "homelab-release";
export const MANAGED_SELECTOR = `app.kubernetes.io/managed-by=${MANAGED_BY}`;
export const SERVICE_LABEL = "homelab.dev/service";
export const CHART_VERSION_ANNOTATION = "homelab.dev/chart-version";
export const CHART_DIGEST_ANNOTATION = "homelab.dev/chart-digest";
/**
 * Pod annotation carrying the resourceVersions of the user Secrets a
 * controller reads: a rotated secret changes it, so the pods roll. Never the
 * secret's content or a hash of it (HelmCharts are readable in kube-system).
 */
export const SECRET_VERSIONS_ANNOTATION = "homelab.dev/secret-versions";

/** A HelmChart as this tool writes it. */
export interface HelmChartObject {
  apiVersion: "helm.cattle.io/v1";
  kind: "HelmChart";
  metadata: { name: string; namespace: string; labels: Record<string, string>; annotations: Record<string, string> };
  spec: {
    /** Our own charts: the packaged chart inline (base64). Upstream charts use repo/chart/version. */
    chartContent?: string;
    targetNamespace: string;
    createNamespace: boolean;
    valuesContent: string;
  } & UpstreamSourceSpec;
}

/** Where an upstream chart comes from (src/upstream/): helm-controller's HelmChart spec names. */
export interface UpstreamSourceSpec {
  repo?: string;
  /** The chart's name in `repo`, or the oci:// reference. */
  chart?: string;
  version?: string;
  /** PEM CA bundle. */
  repoCA?: string;
  /** A kubernetes.io/basic-auth Secret beside the HelmChart. */
  authSecret?: { name: string };
  plainHTTP?: boolean;
}

/** Name of the Secret holding a user-supplied chart secret. */
export const userSecretName = (service: string, id: string) => `homelab-${service}-${id}`;

/** The values handed to the chart: the config's values, plus references to user-supplied secrets (names only). */
export function releaseValues(service: string, config: ServiceConfig): Record<string, unknown> {
  const values = structuredClone(config.values ?? {}) as Record<string, unknown>;
  const secretIds = Object.keys(config.secrets ?? {});
  if (secretIds.length > 0) {
    const secrets = ((values.secrets as Record<string, Record<string, unknown>> | undefined) ??= {});
    for (const id of secretIds) secrets[id] = { ...secrets[id], existingSecret: userSecretName(service, id) };
    values.secrets = secrets;
  }
  return values;
}

/** The controllers (by id) that read each user secret of a service, from its definition's `secretEnv`. */
export function secretReaders(pkg: ServicePackage, config: ServiceConfig): Record<string, string[]> {
  const ids = new Set(Object.keys(config.secrets ?? {}));
  const readers: Record<string, string[]> = {};
  for (const [cid, c] of Object.entries(pkg.definition.controllers).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const read = [...new Set(Object.values(c.secretEnv ?? {}).map((r) => r.secret))].filter((id) => ids.has(id)).sort();
    if (read.length > 0) readers[cid] = read;
  }
  return readers;
}

/**
 * The HelmChart with the pods of each controller in `readers` annotated with
 * the resourceVersions (`versions`, by secret id) of the Secrets it reads, so
 * a rotated secret rolls them.
 */
export function withSecretVersionsIn(desired: HelmChartObject, readers: Record<string, string[]>, versions: Record<string, string>): HelmChartObject {
  const values = (YAML.parse(desired.spec.valuesContent) ?? {}) as Record<string, unknown>;
  return { ...desired, spec: { ...desired.spec, valuesContent: valuesYaml(withSecretVersions(values, readers, versions)) } };
}

const valuesYaml = (values: Record<string, unknown>) => (Object.keys(values).length ? YAML.stringify(values, { sortMapEntries: true, lineWidth: 0 }) : "");

/**
 * `values` with each reading controller's pods annotated with the
 * resourceVersions of the secrets it reads (`id=rv`, sorted); a controller
 * whose secrets are not all known yet is left without it.
 */
function withSecretVersions(values: Record<string, unknown>, readers: Record<string, string[]>, versions: Record<string, string>): Record<string, unknown> {
  for (const [cid, ids] of Object.entries(readers)) {
    if (!ids.every((id) => versions[id])) continue;
    const controllers = ((values.controllers as Record<string, Record<string, unknown>> | undefined) ??= {});
    const controller = (controllers[cid] ??= {});
    controller.podAnnotations = { ...(controller.podAnnotations as Record<string, string> | undefined), [SECRET_VERSIONS_ANNOTATION]: ids.map((id) => `${id}=${versions[id]}`).join(",") };
    values.controllers = controllers;
  }
  return values;
}

/**
 * The desired HelmChart of one service: packaged chart inline, values, labels
 * marking it managed. The pods' secret versions are added by withSecretVersionsIn.
 */
export function desiredHelmChart(pkg: ServicePackage, config: ServiceConfig, namespace: string): HelmChartObject {
  const name = pkg.definition.name;
  const archive = packageChart(name, buildChart(buildInputOf(pkg)));
  const values = releaseValues(name, config);
  return {
    apiVersion: "helm.cattle.io/v1",
    kind: "HelmChart",
    metadata: {
      name,
      namespace,
      labels: { "app.kubernetes.io/managed-by": MANAGED_BY, [SERVICE_LABEL]: name },
      annotations: {
        [CHART_VERSION_ANNOTATION]: pkg.version,
        [CHART_DIGEST_ANNOTATION]: `sha256:${createHash("sha256").update(archive).digest("hex")}`,
      },
    },
    spec: {
      chartContent: archive.toString("base64"),
      targetNamespace: config.namespace ?? name,
      createNamespace: true,
      valuesContent: valuesYaml(values),
    },
  };
}
