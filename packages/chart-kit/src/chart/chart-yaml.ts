import YAML from "yaml";
import type { PodSecurityLevel, ServiceDefinition } from "../definition.ts";
import type { LibraryChart } from "./library.ts";

/** The homelab maintainers, the default for every chart. */
export const DEFAULT_MAINTAINERS = [{ name: "homelab maintainers", url: "https://github.com/homelab" }];
/** Default supported Kubernetes versions: the k3s releases the charts are tested with and newer. */
export const DEFAULT_KUBE_VERSION = ">=1.28.0-0";

/** A change listed in the chart's `artifacthub.io/changes` annotation. */
export interface ChartChange {
  kind: "added" | "changed" | "deprecated" | "removed" | "fixed" | "security";
  description: string;
}

/** Chart.yaml annotation carrying the least Pod Security level the chart's pods need. */
const POD_SECURITY_ANNOTATION = "homelab.dev/pod-security";

/** Every container image of a definition, by controller and container id (sorted). */
export function imagesOf(def: ServiceDefinition): { name: string; image: string }[] {
  const out: { name: string; image: string }[] = [];
  for (const [cid, c] of Object.entries(def.values.controllers ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const all = { ...(c.initContainers ?? {}), ...(c.containers ?? {}) };
    for (const [id, k] of Object.entries(all).sort(([a], [b]) => (a < b ? -1 : 1))) {
      const image = k.image;
      if (!image) continue;
      const name = [def.name, ...(cid === "main" ? [] : [cid]), ...(id === "main" ? [] : [id])].join("-");
      out.push({ name, image: `${image.repository}:${image.tag}${image.digest ? `@${image.digest}` : ""}` });
    }
  }
  return out;
}

export interface ChartMeta {
  /** The chart version: the service package's `version`. */
  version: string;
  /** The least Pod Security level the chart's default pods need. */
  podSecurity: PodSecurityLevel;
  /** The library chart vendored into `charts/`. */
  library: LibraryChart;
  /** Changes of this version, newest release only. Default: none. */
  changes?: ChartChange[];
}

/** `Chart.yaml` text: apiVersion v2, appVersion = main image tag, the library dependency, Artifact Hub annotations. */
export function renderChartYaml(def: ServiceDefinition, meta: ChartMeta): string {
  const images = imagesOf(def);
  const annotations: Record<string, string> = {
    [POD_SECURITY_ANNOTATION]: meta.podSecurity,
    "artifacthub.io/images": YAML.stringify(images, { lineWidth: 0 }),
    "artifacthub.io/license": "Apache-2.0",
    ...(meta.changes?.length
      ? {
          "artifacthub.io/changes": YAML.stringify(
            meta.changes.map((c) => ({ kind: c.kind, description: c.description })),
            { lineWidth: 0 },
          ),
        }
      : {}),
  };
  const chart = {
    apiVersion: "v2",
    name: def.name,
    description: def.description,
    type: "application",
    version: meta.version,
    appVersion: def.values.controllers?.main?.containers?.main?.image?.tag ?? "",
    kubeVersion: def.kubeVersion ?? DEFAULT_KUBE_VERSION,
    home: def.home,
    ...(def.icon ? { icon: def.icon } : {}),
    ...(def.sources?.length ? { sources: def.sources } : {}),
    ...(def.keywords?.length ? { keywords: [...def.keywords].sort() } : {}),
    maintainers: def.maintainers ?? DEFAULT_MAINTAINERS,
    // The library is vendored into charts/ (helm reads it from there); the path is where it is kept.
    dependencies: [
      {
        name: meta.library.name,
        version: meta.library.version,
        repository: "file://../../packages/chart-kit/library",
      },
    ],
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
