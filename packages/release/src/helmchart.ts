import { createHash } from "node:crypto";
import type { ServicePackage } from "@homelab/chart-kit";
import { buildChart, buildInputOf, packageChart } from "@homelab/chart-kit";
import YAML from "yaml";
import type { ServiceConfig } from "./config/types.ts";

/** Field manager of every write this tool makes. */
export const FIELD_MANAGER = "homelab-release";
/** Label value marking objects this tool manages (app.kubernetes.io/managed-by). */
export const MANAGED_BY = "homelab-release";
export const MANAGED_SELECTOR = `app.kubernetes.io/managed-by=${MANAGED_BY}`;
export const SERVICE_LABEL = "homelab.dev/service";
export const CHART_VERSION_ANNOTATION = "homelab.dev/chart-version";
export const CHART_DIGEST_ANNOTATION = "homelab.dev/chart-digest";

/** A HelmChart as this tool writes it. */
export interface HelmChartObject {
  apiVersion: "helm.cattle.io/v1";
  kind: "HelmChart";
  metadata: { name: string; namespace: string; labels: Record<string, string>; annotations: Record<string, string> };
  spec: { chartContent: string; targetNamespace: string; createNamespace: boolean; valuesContent: string };
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

/** The desired HelmChart of one service: packaged chart inline, values, labels marking it managed. */
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
      valuesContent: Object.keys(values).length ? YAML.stringify(values, { sortMapEntries: true, lineWidth: 0 }) : "",
    },
  };
}
