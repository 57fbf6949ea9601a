import type { K8sObject } from "./render.ts";

/** A problem found in a set of rendered objects: which object and what is wrong. */
export interface ObjectProblem {
  object: string;
  problem: string;
}

interface Container {
  name: string;
  image: string;
  ports?: { name: string; containerPort: number; protocol?: string }[];
  volumeMounts?: { name: string; mountPath: string }[];
  resources?: { requests?: Record<string, string> };
  securityContext?: {
    allowPrivilegeEscalation?: boolean;
    capabilities?: { drop?: string[] };
    seccompProfile?: { type?: string };
  };
}

interface PodSpec {
  containers: Container[];
  volumes?: { name: string; persistentVolumeClaim?: { claimName: string }; configMap?: { name: string } }[];
  securityContext?: { seccompProfile?: { type?: string } };
}

interface Workload extends K8sObject {
  spec: { selector: { matchLabels: Record<string, string> }; template: { metadata: { labels: Record<string, string> }; spec: PodSpec } };
}

const REQUIRED_LABELS = ["app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/managed-by", "helm.sh/chart"];
const ref = (o: K8sObject) => `${o.kind}/${o.metadata.name}`;
const matches = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

/**
 * Structural checks a chart's rendered objects must pass: standard labels,
 * selectors that select, ports, volumes and claims that are wired, secure
 * container settings, requests and pinned images.
 */
export function checkRenderedObjects(objects: K8sObject[], options: { existingClaims?: string[] } = {}): ObjectProblem[] {
  const problems: ObjectProblem[] = [];
  const add = (o: K8sObject, problem: string) => problems.push({ object: ref(o), problem });
  const workloads = objects.filter((o): o is Workload => o.kind === "Deployment" || o.kind === "StatefulSet");
  const claims = new Set([...objects.filter((o) => o.kind === "PersistentVolumeClaim").map((o) => o.metadata.name), ...(options.existingClaims ?? [])]);
  const configMaps = new Set(objects.filter((o) => o.kind === "ConfigMap").map((o) => o.metadata.name));
  const services = objects.filter((o) => o.kind === "Service") as (K8sObject & { spec: { selector: Record<string, string>; ports: { name: string; targetPort: string | number }[] } })[];

  for (const o of objects) {
    for (const label of REQUIRED_LABELS) if (!o.metadata.labels?.[label]) add(o, `missing label ${label}`);
  }
  for (const w of workloads) {
    const pod = w.spec.template.spec;
    if (!matches(w.spec.selector.matchLabels, w.spec.template.metadata.labels)) add(w, "selector does not match the pod template's labels");
    const volumes = new Map((pod.volumes ?? []).map((v) => [v.name, v]));
    for (const v of pod.volumes ?? []) {
      if (v.persistentVolumeClaim && !claims.has(v.persistentVolumeClaim.claimName)) add(w, `volume ${v.name} uses claim ${v.persistentVolumeClaim.claimName}, which is neither rendered nor an existing claim`);
      if (v.configMap && !configMaps.has(v.configMap.name)) add(w, `volume ${v.name} uses ConfigMap ${v.configMap.name}, which is not rendered`);
    }
    for (const c of pod.containers) {
      for (const m of c.volumeMounts ?? []) if (!volumes.has(m.name)) add(w, `container ${c.name} mounts ${m.name}, which is not a volume of the pod`);
      if (!c.resources?.requests || Object.keys(c.resources.requests).length === 0) add(w, `container ${c.name} has no resource requests`);
      if (c.securityContext?.allowPrivilegeEscalation !== false) add(w, `container ${c.name} allows privilege escalation`);
      if (!c.securityContext?.capabilities?.drop?.includes("ALL")) add(w, `container ${c.name} does not drop ALL capabilities`);
      const seccomp = c.securityContext?.seccompProfile?.type ?? pod.securityContext?.seccompProfile?.type;
      if (seccomp !== "RuntimeDefault") add(w, `container ${c.name} has no RuntimeDefault seccomp profile`);
      if (/:latest(@|$)/.test(c.image) || !/:[^/]+$/.test(c.image.split("@")[0]!)) add(w, `container ${c.name} image ${c.image} is not pinned to a tag`);
    }
    const selected = services.filter((s) => matches(s.spec.selector, w.spec.template.metadata.labels));
    for (const s of selected) {
      const names = new Set(pod.containers.flatMap((c) => (c.ports ?? []).map((p) => p.name)));
      for (const p of s.spec.ports) {
        if (typeof p.targetPort === "string" && !names.has(p.targetPort)) add(s, `port ${p.name} targets ${p.targetPort}, which no container of ${ref(w)} exposes`);
      }
    }
  }
  for (const s of services) {
    if (!workloads.some((w) => matches(s.spec.selector, w.spec.template.metadata.labels))) add(s, "selects no workload's pods");
  }
  for (const i of objects.filter((o) => o.kind === "Ingress") as (K8sObject & { spec: { rules: { http: { paths: { backend: { service: { name: string; port: { name?: string } } } }[] } }[] } })[]) {
    for (const rule of i.spec.rules) {
      for (const path of rule.http.paths) {
        const backend = path.backend.service;
        const svc = services.find((s) => s.metadata.name === backend.name);
        if (!svc) add(i, `routes to service ${backend.name}, which is not rendered`);
        else if (backend.port.name && !svc.spec.ports.some((p) => p.name === backend.port.name)) add(i, `routes to port ${backend.port.name}, which service ${backend.name} does not have`);
      }
    }
  }
  return problems;
}
