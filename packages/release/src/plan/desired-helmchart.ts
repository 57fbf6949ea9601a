import { createHash } from "node:crypto";
import type { ServicePackage } from "@homelab/chart-kit";
import { buildChart, buildInputOf, packageChart } from "@homelab/chart-kit";
import YAML from "yaml";
import type { FailurePolicy, HelmChart, HelmChartSpec } from "../cluster/helm-chart.ts";
import { MANAGED_BY } from "../cluster/managed-helmcharts.ts";
import type { HomelabConfig, ServiceConfig } from "../config/schema.ts";
import { withExistingSecrets, withPodAnnotations } from "./chart-values.ts";

/** Field manager of every write this tool makes. */
export const FIELD_MANAGER = "homelab-release";
export const SERVICE_LABEL = "homelab.dev/service";
export const CHART_VERSION_ANNOTATION = "homelab.dev/chart-version";
export const CHART_DIGEST_ANNOTATION = "homelab.dev/chart-digest";
/**
 * Pod annotation carrying the resourceVersions of the user Secrets a
 * controller reads: a rotated secret changes it, so the pods roll. Never the
 * secret's content or a hash of it (HelmCharts are readable in kube-system).
 */
const SECRET_VERSIONS_ANNOTATION = "homelab.dev/secret-versions";

/** How helm-controller runs a service's install Job. */
export interface InstallSettings {
  /**
   * Retries after the first failed attempt, then the Job fails (HelmChart `spec.backOffLimit`: the
   * job controller fails the Job when its pod's restart count reaches it).
   */
  backOffLimit: number;
  /** helm's `--timeout` for each attempt, a Go duration (`10m`). */
  timeout: string;
  failurePolicy: FailurePolicy;
}

/**
 * The defaults when neither the service nor `release:` says otherwise: a handful of attempts
 * (helm-controller's own default is 1000), and `retry`: after a failure nothing more happens
 * in the cluster until the next release changes the HelmChart, which then upgrades from the
 * failed state (`abort` would need a manual `helm` fix, `reinstall` uninstalls first).
 */
export const INSTALL_DEFAULTS: InstallSettings = { backOffLimit: 3, timeout: "10m", failurePolicy: "retry" };

/**
 * A HelmChart as this tool writes it: helm-controller's HelmChart (cluster/helm-chart.ts) with
 * the fields it always sets.
 */
export type HelmChartObject = Required<Pick<HelmChart, "apiVersion" | "kind">> & {
  metadata: {
    name: string;
    namespace: string;
    labels: Record<string, string>;
    annotations: Record<string, string>;
  };
  spec: HelmChartSpec &
    Required<
      Pick<
        HelmChartSpec,
        "targetNamespace" | "createNamespace" | "valuesContent" | "backOffLimit" | "timeout" | "failurePolicy"
      >
    >;
};

/** A service's chart, built and packaged once per release. */
export interface PackagedChart {
  name: string;
  version: string;
  archive: Buffer;
  /** `sha256:<hex>` of the archive. */
  digest: string;
  /** The chart's values.schema.json. */
  valuesSchema: Record<string, unknown>;
  /** The chart's values.yaml. */
  defaultValues: Record<string, unknown>;
}

/** Builds and packages a service's chart (deterministic bytes). */
export function packageService(pkg: ServicePackage): PackagedChart {
  const name = pkg.definition.name;
  const files = buildChart(buildInputOf(pkg));
  const archive = packageChart(name, files);
  return {
    name,
    version: pkg.version,
    archive,
    digest: `sha256:${createHash("sha256").update(archive).digest("hex")}`,
    valuesSchema: JSON.parse(files.get("values.schema.json") ?? "{}") as Record<string, unknown>,
    defaultValues: (YAML.parse(files.get("values.yaml") ?? "") ?? {}) as Record<string, unknown>,
  };
}

/** Name of the Secret holding a user-supplied chart secret. */
export const userSecretName = (service: string, id: string) => `homelab-${service}-${id}`;

/** The values handed to the chart: the config's values, plus references to user-supplied secrets (names only). */
export function releaseValues(service: string, config: ServiceConfig): Record<string, unknown> {
  const names = Object.fromEntries(
    Object.keys(config.secrets ?? {}).map((id) => [id, userSecretName(service, id)]),
  );
  return withExistingSecrets(structuredClone(config.values ?? {}), names);
}

/** The install settings of one service: its own, else `release:`'s, else INSTALL_DEFAULTS. */
export function installSettings(config: HomelabConfig, service: string): InstallSettings {
  const own = config.services[service] ?? {};
  const all = config.release ?? {};
  return {
    backOffLimit: own.backOffLimit ?? all.backOffLimit ?? INSTALL_DEFAULTS.backOffLimit,
    timeout: goDuration(own.timeout ?? all.timeout ?? INSTALL_DEFAULTS.timeout),
    failurePolicy: own.failurePolicy ?? all.failurePolicy ?? INSTALL_DEFAULTS.failurePolicy,
  };
}

/**
 * A `<n>s|m|h` duration as Go prints it (`10m` -> `10m0s`): helm-controller writes the
 * HelmChart's timeout back in that form, so writing it so keeps the field unchanged (and ours).
 */
export function goDuration(text: string): string {
  const n = Number(text.slice(0, -1));
  const total = n * { s: 1, m: 60, h: 3600 }[text.slice(-1) as "s" | "m" | "h"];
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h ? `${h}h${m}m${s}s` : m ? `${m}m${s}s` : `${s}s`;
}

/** A controller whose pods read user Secrets, and where its chart takes pod annotations. */
export interface SecretReader {
  /** Chart secret ids, sorted. */
  secrets: string[];
  /** Path under `controllers.<id>` (from chart-values.ts). */
  annotationsKey: string[];
}

/** Controller id -> the user secrets its pods read. */
export type SecretReaders = Record<string, SecretReader>;

/**
 * The HelmChart with the pods of each controller in `readers` annotated with
 * the resourceVersions (`versions`, by secret id) of the Secrets it reads
 * (`id=rv`, sorted), so a rotated secret rolls them; a controller whose
 * secrets are not all known yet is left without it.
 */
export function withSecretVersionsIn(
  desired: HelmChartObject,
  readers: SecretReaders,
  versions: Record<string, string>,
): HelmChartObject {
  let values = (YAML.parse(desired.spec.valuesContent) ?? {}) as Record<string, unknown>;
  for (const [cid, reader] of Object.entries(readers)) {
    if (!reader.secrets.every((id) => versions[id])) continue;
    const annotation = reader.secrets.map((id) => `${id}=${versions[id]}`).join(",");
    values = withPodAnnotations(values, cid, reader.annotationsKey, {
      [SECRET_VERSIONS_ANNOTATION]: annotation,
    });
  }
  return { ...desired, spec: { ...desired.spec, valuesContent: valuesYaml(values) } };
}

const valuesYaml = (values: Record<string, unknown>) =>
  Object.keys(values).length ? YAML.stringify(values, { sortMapEntries: true, lineWidth: 0 }) : "";

/**
 * The desired HelmChart of one service: packaged chart inline, values, install settings,
 * labels marking it managed. The pods' secret versions are added by withSecretVersionsIn.
 */
export function desiredHelmChart(
  chart: PackagedChart,
  config: ServiceConfig,
  namespace: string,
  install: InstallSettings,
): HelmChartObject {
  return {
    apiVersion: "helm.cattle.io/v1",
    kind: "HelmChart",
    metadata: {
      name: chart.name,
      namespace,
      labels: { "app.kubernetes.io/managed-by": MANAGED_BY, [SERVICE_LABEL]: chart.name },
      annotations: { [CHART_VERSION_ANNOTATION]: chart.version, [CHART_DIGEST_ANNOTATION]: chart.digest },
    },
    spec: {
      chartContent: chart.archive.toString("base64"),
      targetNamespace: config.namespace ?? chart.name,
      createNamespace: true,
      valuesContent: valuesYaml(releaseValues(chart.name, config)),
      backOffLimit: install.backOffLimit,
      timeout: install.timeout,
      failurePolicy: install.failurePolicy,
    },
  };
}
