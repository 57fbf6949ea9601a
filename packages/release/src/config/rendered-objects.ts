import type { V1ObjectMeta, V1PodSpec } from "@kubernetes/client-node";
import YAML from "yaml";
import { CONTROLLER_LABEL } from "../plan/chart-values.ts";

/** One object of `helm template` output. */
export interface RenderedObject {
  apiVersion: string;
  kind: string;
  metadata: V1ObjectMeta & { name: string };
  spec?: Record<string, unknown>;
}

/** A pod the chart's workloads would create, with where it comes from. */
export interface RenderedPod {
  /** `Deployment/jellyfin`. */
  workload: string;
  /** The controller id (the pod template's `app.kubernetes.io/component`), when labelled. */
  controllerId?: string;
  metadata: V1ObjectMeta;
  spec: V1PodSpec;
}

/** The objects of a multi-document YAML stream (`helm template` output); empty documents dropped. */
export function parseManifests(text: string): RenderedObject[] {
  return YAML.parseAllDocuments(text)
    .map((d) => d.toJS() as unknown)
    .filter((o): o is RenderedObject => typeof o === "object" && o !== null && "kind" in o);
}

const isTestHook = (o: RenderedObject) =>
  (o.metadata.annotations?.["helm.sh/hook"] ?? "").split(",").some((h) => h.trim().startsWith("test"));

/**
 * The pod templates of the rendered workloads (and bare pods). Helm test hooks are left out:
 * helm-controller never runs `helm test`.
 */
export function renderedPods(objects: readonly RenderedObject[]): RenderedPod[] {
  const pods: RenderedPod[] = [];
  for (const o of objects) {
    if (isTestHook(o)) continue;
    const template = podTemplateOf(o);
    if (!template?.spec) continue;
    const metadata = template.metadata ?? {};
    const controllerId = metadata.labels?.[CONTROLLER_LABEL];
    pods.push({
      workload: `${o.kind}/${o.metadata.name}`,
      ...(controllerId ? { controllerId } : {}),
      metadata,
      spec: template.spec,
    });
  }
  return pods;
}

function podTemplateOf(o: RenderedObject): { metadata?: V1ObjectMeta; spec?: V1PodSpec } | undefined {
  const spec = o.spec as Record<string, unknown> | undefined;
  switch (o.kind) {
    case "Pod":
      return { metadata: o.metadata, spec: o.spec as unknown as V1PodSpec };
    case "Deployment":
    case "StatefulSet":
    case "DaemonSet":
    case "ReplicaSet":
    case "ReplicationController":
    case "Job":
      return spec?.template as { metadata?: V1ObjectMeta; spec?: V1PodSpec } | undefined;
    case "CronJob":
      return (
        (spec?.jobTemplate as Record<string, unknown> | undefined)?.spec as
          | Record<string, unknown>
          | undefined
      )?.template as { metadata?: V1ObjectMeta; spec?: V1PodSpec } | undefined;
    default:
      return undefined;
  }
}

const WORKLOAD_KINDS = new Set(["Deployment", "StatefulSet", "DaemonSet", "CronJob"]);

/** The workloads a release of the chart keeps running (`Deployment/jellyfin`), hooks left out. */
export function renderedWorkloads(objects: readonly RenderedObject[]): string[] {
  return objects
    .filter((o) => WORKLOAD_KINDS.has(o.kind) && !o.metadata.annotations?.["helm.sh/hook"])
    .map((o) => `${o.kind}/${o.metadata.name}`)
    .sort();
}

/** The Secret names a pod reads: env, envFrom, secret volumes and projected secret sources. */
export function secretsReadBy(spec: V1PodSpec): Set<string> {
  const names = new Set<string>();
  for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
    for (const e of c.env ?? [])
      if (e.valueFrom?.secretKeyRef?.name) names.add(e.valueFrom.secretKeyRef.name);
    for (const e of c.envFrom ?? []) if (e.secretRef?.name) names.add(e.secretRef.name);
  }
  for (const v of spec.volumes ?? []) {
    if (v.secret?.secretName) names.add(v.secret.secretName);
    for (const s of v.projected?.sources ?? []) if (s.secret?.name) names.add(s.secret.name);
  }
  return names;
}
