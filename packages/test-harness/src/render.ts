import type { HelmBinary } from "@homelab/toolbox";
import { helm } from "@homelab/toolbox";
import YAML from "yaml";

/** A rendered Kubernetes object, loosely typed for checks. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [key: string]: unknown;
}

export interface RenderOptions {
  release?: string;
  namespace?: string;
  valueFiles?: string[];
  set?: string[];
  /** Default: `helm` (Helm 3). */
  binary?: HelmBinary;
  /** API versions the cluster is assumed to serve (`--api-versions`). Default: helm's own. */
  apiVersions?: string[];
}

/** `helm template` with the real helm; every non-empty document parsed. */
export async function renderChart(chart: string, options: RenderOptions = {}): Promise<K8sObject[]> {
  const args = ["template", options.release ?? "test", chart, "--namespace", options.namespace ?? "homelab"];
  for (const f of options.valueFiles ?? []) args.push("-f", f);
  for (const s of options.set ?? []) args.push("--set", s);
  for (const v of options.apiVersions ?? []) args.push("--api-versions", v);
  const { stdout } = await helm(args, options.binary ? { binary: options.binary } : {});
  return YAML.parseAllDocuments(stdout)
    .map((d) => d.toJS() as K8sObject | null)
    .filter((o): o is K8sObject => o !== null && typeof o === "object");
}
