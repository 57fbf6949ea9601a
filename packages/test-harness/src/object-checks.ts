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
  initContainers?: (Container & { restartPolicy?: string })[];
  volumes?: { name: string; persistentVolumeClaim?: { claimName: string }; configMap?: { name: string } }[];
  securityContext?: { seccompProfile?: { type?: string } };
}

interface Workload extends K8sObject {
  spec: {
    selector: { matchLabels: Record<string, string> };
    template: { metadata: { labels: Record<string, string> }; spec: PodSpec };
  };
}

const POD_WORKLOADS = new Set(["Deployment", "StatefulSet", "DaemonSet"]);

/** The pod template of any workload kind (CronJob and Job included). */
export function podTemplateOf(
  o: K8sObject,
): { metadata: { labels: Record<string, string> }; spec: PodSpec } | undefined {
  const spec = o.spec as Record<string, unknown> | undefined;
  if (POD_WORKLOADS.has(o.kind) || o.kind === "Job")
    return spec?.template as ReturnType<typeof podTemplateOf>;
  if (o.kind === "CronJob") {
    const job = (spec?.jobTemplate as { spec?: { template?: unknown } } | undefined)?.spec;
    return job?.template as ReturnType<typeof podTemplateOf>;
  }
  return undefined;
}

const REQUIRED_LABELS = [
  "app.kubernetes.io/name",
  "app.kubernetes.io/instance",
  "app.kubernetes.io/managed-by",
  "helm.sh/chart",
];
const ref = (o: K8sObject) => `${o.kind}/${o.metadata.name}`;
const matches = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

/**
 * Structural checks a chart's rendered objects must pass: standard labels,
 * selectors that select, ports, volumes and claims that are wired, secure
 * container settings, requests and pinned images.
 */
export interface CheckOptions {
  /** Claims that exist outside the chart (persistence.*.existingClaim). Default: none. */
  existingClaims?: string[];
  /**
   * Containers (`<controller>/<container>`, by rendered component label and container name)
   * whose declared exceptions allow privilege escalation or a privileged container. Default: none.
   */
  privilegedContainers?: string[];
}

export function checkRenderedObjects(objects: K8sObject[], options: CheckOptions = {}): ObjectProblem[] {
  const problems: ObjectProblem[] = [];
  const add = (o: K8sObject, problem: string) => problems.push({ object: ref(o), problem });
  const workloads = objects.filter((o): o is Workload => POD_WORKLOADS.has(o.kind));
  const jobs = objects.filter((o) => o.kind === "Job" || o.kind === "CronJob");
  const claims = new Set([
    ...objects.filter((o) => o.kind === "PersistentVolumeClaim").map((o) => o.metadata.name),
    ...(options.existingClaims ?? []),
  ]);
  const configMaps = new Set(objects.filter((o) => o.kind === "ConfigMap").map((o) => o.metadata.name));
  const services = objects.filter((o) => o.kind === "Service") as (K8sObject & {
    spec: { selector: Record<string, string>; ports: { name: string; targetPort: string | number }[] };
  })[];

  for (const o of objects) {
    for (const label of REQUIRED_LABELS) if (!o.metadata.labels?.[label]) add(o, `missing label ${label}`);
  }
  for (const w of [...workloads, ...jobs] as Workload[]) {
    const template = podTemplateOf(w)!;
    const pod = template.spec;
    if (POD_WORKLOADS.has(w.kind) && !matches(w.spec.selector.matchLabels, template.metadata.labels))
      add(w, "selector does not match the pod template's labels");
    const claimTemplates = (
      (w.spec as { volumeClaimTemplates?: { metadata: { name: string } }[] }).volumeClaimTemplates ?? []
    ).map((t) => [t.metadata.name, {}] as const);
    const volumes = new Map<string, unknown>([
      ...(pod.volumes ?? []).map((v) => [v.name, v] as const),
      ...claimTemplates,
    ]);
    const component = template.metadata.labels["app.kubernetes.io/component"] ?? "";
    for (const v of pod.volumes ?? []) {
      if (v.persistentVolumeClaim && !claims.has(v.persistentVolumeClaim.claimName))
        add(
          w,
          `volume ${v.name} uses claim ${v.persistentVolumeClaim.claimName}, which is neither rendered nor an existing claim`,
        );
      if (v.configMap && !configMaps.has(v.configMap.name))
        add(w, `volume ${v.name} uses ConfigMap ${v.configMap.name}, which is not rendered`);
    }
    for (const c of [...(pod.initContainers ?? []), ...pod.containers]) {
      for (const m of c.volumeMounts ?? [])
        if (!volumes.has(m.name))
          add(w, `container ${c.name} mounts ${m.name}, which is not a volume of the pod`);
      if (!c.resources?.requests || Object.keys(c.resources.requests).length === 0)
        add(w, `container ${c.name} has no resource requests`);
      const privileged = (options.privilegedContainers ?? []).includes(`${component}/${c.name}`);
      if (c.securityContext?.allowPrivilegeEscalation !== false && !privileged)
        add(w, `container ${c.name} allows privilege escalation`);
      if (!c.securityContext?.capabilities?.drop?.includes("ALL") && !privileged)
        add(w, `container ${c.name} does not drop ALL capabilities`);
      const seccomp = c.securityContext?.seccompProfile?.type ?? pod.securityContext?.seccompProfile?.type;
      if (seccomp !== "RuntimeDefault") add(w, `container ${c.name} has no RuntimeDefault seccomp profile`);
      if (/:latest(@|$)/.test(c.image) || !/:[^/]+$/.test(c.image.split("@")[0]!))
        add(w, `container ${c.name} image ${c.image} is not pinned to a tag`);
    }
    const selected = POD_WORKLOADS.has(w.kind)
      ? services.filter((s) => s.spec.selector && matches(s.spec.selector, template.metadata.labels))
      : [];
    for (const s of selected) {
      const names = new Set(pod.containers.flatMap((c) => (c.ports ?? []).map((p) => p.name)));
      for (const p of s.spec.ports) {
        if (typeof p.targetPort === "string" && !names.has(p.targetPort))
          add(s, `port ${p.name} targets ${p.targetPort}, which no container of ${ref(w)} exposes`);
      }
    }
  }
  for (const s of services) {
    if (!s.spec.selector) continue;
    if (!workloads.some((w) => matches(s.spec.selector, w.spec.template.metadata.labels)))
      add(s, "selects no workload's pods");
  }
  for (const i of objects.filter((o) => o.kind === "Ingress") as (K8sObject & {
    spec: {
      rules: {
        http: {
          paths: { backend: { service: { name: string; port: { name?: string; number?: number } } } }[];
        };
      }[];
    };
  })[]) {
    for (const rule of i.spec.rules) {
      for (const path of rule.http.paths) {
        const backend = path.backend.service;
        const svc = services.find((s) => s.metadata.name === backend.name);
        if (!svc) add(i, `routes to service ${backend.name}, which is not rendered`);
        else if (backend.port.name && !svc.spec.ports.some((p) => p.name === backend.port.name))
          add(i, `routes to port ${backend.port.name}, which service ${backend.name} does not have`);
        else if (
          backend.port.number &&
          !svc.spec.ports.some((p) => (p as { port?: number }).port === backend.port.number)
        )
          add(i, `routes to port ${backend.port.number}, which service ${backend.name} does not have`);
      }
    }
  }
  return problems;
}
