import YAML from "yaml";
import type { ServiceDefinition } from "./definition.ts";
import { POD_SECURITY_ANNOTATION, podSecurityLevel } from "./pod-security.ts";

/** The homelab maintainers, the default for every chart. */
export const DEFAULT_MAINTAINERS = [{ name: "homelab maintainers", url: "https://github.com/homelab" }];
/** Default supported Kubernetes versions: the k3s releases the charts are tested with and newer. */
export const DEFAULT_KUBE_VERSION = ">=1.28.0-0";

/** A change listed in the chart's `artifacthub.io/changes` annotation. */
export interface ChartChange {
  kind: "added" | "changed" | "deprecated" | "removed" | "fixed" | "security";
  description: string;
}

export interface ChartMeta {
  /** The chart version: the service package's `version`. */
  version: string;
  /** Changes of this version, newest release only. Default: none. */
  changes?: ChartChange[];
}

/** `Chart.yaml` text: apiVersion v2, appVersion = main image tag, Artifact Hub annotations. */
export function renderChartYaml(def: ServiceDefinition, meta: ChartMeta): string {
  const images = Object.entries(def.controllers)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, c]) => ({
      name: id === "main" ? def.name : `${def.name}-${id}`,
      image: `${c.image.repository}:${c.image.tag}${c.image.digest ? `@${c.image.digest}` : ""}`,
    }));
  const annotations: Record<string, string> = {
    [POD_SECURITY_ANNOTATION]: podSecurityLevel(def),
    "artifacthub.io/images": YAML.stringify(images, { lineWidth: 0 }),
    "artifacthub.io/license": "Apache-2.0",
    ...(meta.changes?.length
      ? { "artifacthub.io/changes": YAML.stringify(meta.changes.map((c) => ({ kind: c.kind, description: c.description })), { lineWidth: 0 }) }
      : {}),
  };
  const chart = {
    apiVersion: "v2",
    name: def.name,
    description: def.description,
    type: "application",
    version: meta.version,
    appVersion: def.controllers.main!.image.tag,
    kubeVersion: def.kubeVersion ?? DEFAULT_KUBE_VERSION,
    home: def.home,
    ...(def.icon ? { icon: def.icon } : {}),
    ...(def.sources?.length ? { sources: def.sources } : {}),
    ...(def.keywords?.length ? { keywords: [...def.keywords].sort() } : {}),
    maintainers: def.maintainers ?? DEFAULT_MAINTAINERS,
    annotations: Object.fromEntries(Object.entries(annotations).sort(([a], [b]) => (a < b ? -1 : 1))),
  };
  const doc = new YAML.Document(chart);
  // Versions are strings; quote them so a tag like 1.10 never reads as a number.
  for (const key of ["appVersion", "kubeVersion"]) {
    const node = doc.get(key, true);
    if (YAML.isScalar(node)) node.type = "QUOTE_DOUBLE";
  }
  return doc.toString({ lineWidth: 0 });
}
