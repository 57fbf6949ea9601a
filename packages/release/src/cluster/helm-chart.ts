/**
 * helm-controller's HelmChart (`helm.cattle.io/v1`) and the install Job it runs for one, as
 * k3s-io/helm-controller v0.17.9 defines them (pkg/apis/helm.cattle.io/v1/types.go,
 * pkg/controllers/chart/chart.go): the one description of them that plan, apply, wait,
 * status and prune use.
 */
/** helm-controller's failure policies (HelmChart `spec.failurePolicy`). */
export type FailurePolicy = "abort" | "reinstall" | "retry";

/** The HelmChart spec fields this tool writes or reads (helm-controller's names). */
export interface HelmChartSpec {
  /** The packaged chart inline (base64); upstream charts use repo/chart/version instead. */
  chartContent?: string;
  targetNamespace?: string;
  createNamespace?: boolean;
  valuesContent?: string;
  /** Failed attempts after which the install Job fails (the Job's backoffLimit). */
  backOffLimit?: number;
  /** helm's `--timeout` for each attempt, a Go duration (`10m`). */
  timeout?: string;
  failurePolicy?: FailurePolicy;
  /** A Helm repository's URL. */
  repo?: string;
  /** The chart's name in `repo`, or an oci:// reference. */
  chart?: string;
  version?: string;
  /** PEM CA bundle of the repository or registry. */
  repoCA?: string;
  /** A kubernetes.io/basic-auth Secret beside the HelmChart. */
  authSecret?: { name: string };
  plainHTTP?: boolean;
}

/** A condition helm-controller sets on a HelmChart (`JobCreated`, `Failed`). */
export interface HelmChartCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

/** One entry of an object's metadata.managedFields (the apiserver's field ownership). */
export interface ManagedFieldsEntry {
  manager?: string;
  operation?: string;
  subresource?: string;
  time?: string | Date;
  fieldsV1?: Record<string, unknown>;
}

/** A HelmChart as the cluster holds it. */
export interface HelmChart {
  apiVersion?: "helm.cattle.io/v1";
  kind?: "HelmChart";
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    managedFields?: ManagedFieldsEntry[];
  };
  spec?: HelmChartSpec;
  status?: { jobName?: string; conditions?: HelmChartCondition[] };
}

/** The reference of HelmChart `name` in `namespace`, to read or delete it. */
export const helmChartRef = (name: string, namespace: string) => ({
  apiVersion: "helm.cattle.io/v1",
  kind: "HelmChart",
  metadata: { name, namespace },
});

/** The Job helm-controller runs to install or upgrade a HelmChart (its jobName(): `helm-install-<name>`). */
export const installJobName = (chart: string) => `helm-install-${chart}`;

/** The label selector of that Job's pods (the job controller's `batch.kubernetes.io/job-name`). */
export const installJobPodSelector = (chart: string) =>
  `batch.kubernetes.io/job-name=${installJobName(chart)}`;
