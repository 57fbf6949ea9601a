import type { CoreV1Event, V1PersistentVolumeClaim } from "@kubernetes/client-node";
import type { HelmChart } from "../cluster/helm-chart.ts";
import type { InstallJobState } from "../cluster/install-job.ts";
import { readInstallJob } from "../cluster/install-job.ts";
import type { Kube } from "../cluster/kube.ts";
import { readOptional } from "../cluster/kube.ts";
import { listManagedHelmCharts } from "../cluster/managed-helmcharts.ts";
import { mainCause, podCauses, podRestarts, workloadEventCauses } from "../cluster/pod-causes.ts";
import { readWorkloadStates } from "../cluster/workload-state.ts";
import { RELEASE_LABEL } from "../plan/chart-values.ts";
import { CHART_VERSION_ANNOTATION, SERVICE_LABEL } from "../plan/desired-helmchart.ts";
import { sameVersion } from "../upstream/chart-versions.ts";
import type { DesiredService } from "./desired-services.ts";
import type { Drift } from "./drift.ts";
import { describeDrift, driftOf } from "./drift.ts";
import type { HelmRelease } from "./helm-release.ts";
import { latestHelmRelease } from "./helm-release.ts";
import { serviceUrls } from "./service-urls.ts";

/** One persistent volume claim of a service. */
export interface ClaimStatus {
  name: string;
  /** `Bound`, `Pending`, `Lost`. */
  phase: string;
  /** The bound volume's capacity, else the size asked for (`10Gi`). */
  size: string;
}

/** Where one service stands in the cluster, against what the config wants. */
export interface ServiceStatus {
  service: string;
  namespace: string;
  /** `apps/jellyfin`, a Helm repository and chart, or an oci reference. */
  source: string;
  /** The chart version the config wants; null for a managed HelmChart the config no longer lists. */
  desiredVersion: string | null;
  /** The chart version of the helm release's deployed revision; null when none is deployed. */
  deployedVersion: string | null;
  release: { revision: number; status: string; byHelmController: boolean } | null;
  /** `present`, `missing`, or `failed: <message>` (helm-controller's Failed condition). */
  helmChart: string;
  /** helm-controller's install Job: `complete`, `running`, `waiting`, `failed: ...`, `failing: ...` or `none`. */
  installJob: string;
  pods: { ready: number; total: number; restarts: number };
  claims: ClaimStatus[];
  urls: string[];
  /** The namespace's enforced Pod Security level (`pod-security.kubernetes.io/enforce`), or `none`. */
  podSecurity: string;
  /** Fields of its HelmChart that another field manager changed. */
  drift: Drift[];
  /** Everything that makes it unhealthy, one line each; empty when healthy. */
  problems: string[];
  /** Worth knowing, not unhealthy (e.g. no longer in the config). */
  notes: string[];
  healthy: boolean;
}

export interface HomelabStatus {
  healthy: boolean;
  /** Services that are not healthy, by name. */
  unhealthy: string[];
  services: ServiceStatus[];
}

/**
 * Reads the state of every service the config enables, and of every HelmChart this tool
 * manages that the config no longer lists, from the cluster (reads only).
 */
export async function readStatus(
  kube: Kube,
  desired: readonly DesiredService[],
  helmChartNamespace: string,
): Promise<HomelabStatus> {
  const byName = await listManagedHelmCharts(kube, helmChartNamespace);
  const managed = [...byName.values()];
  const wanted = new Set(desired.map((d) => d.name));
  const orphans = managed.filter((h) => !wanted.has(h.metadata.name));
  const services = await Promise.all([
    ...desired.map((d) =>
      serviceStatus(kube, helmChartNamespace, d.name, d.namespace, d, byName.get(d.name)),
    ),
    ...orphans.map((h) =>
      serviceStatus(
        kube,
        helmChartNamespace,
        h.metadata.name,
        h.spec?.targetNamespace ?? h.metadata.name,
        undefined,
        h,
      ),
    ),
  ]);
  services.sort((a, b) => (a.service < b.service ? -1 : 1));
  const unhealthy = services.filter((s) => !s.healthy).map((s) => s.service);
  return { healthy: unhealthy.length === 0, unhealthy, services };
}

async function serviceStatus(
  kube: Kube,
  hcNamespace: string,
  name: string,
  namespace: string,
  desired: DesiredService | undefined,
  hc: HelmChart | undefined,
): Promise<ServiceStatus> {
  const problems: string[] = [];
  const notes: string[] = [];
  const selector = `${RELEASE_LABEL}=${name}`;
  const [job, release, workloads, pods, events, claims, ns, urls] = await Promise.all([
    readInstallJob(kube, hcNamespace, name),
    latestHelmRelease(kube, namespace, name),
    readWorkloadStates(kube, namespace, selector),
    kube.core.listNamespacedPod({ namespace, labelSelector: selector }).then((l) => l.items),
    kube.core.listNamespacedEvent({ namespace }).then((l) => l.items as CoreV1Event[]),
    kube.core.listNamespacedPersistentVolumeClaim({ namespace }).then((l) => l.items),
    readOptional<{ metadata?: { labels?: Record<string, string> } }>(kube, {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name: namespace },
    }),
    serviceUrls(kube, namespace, name).catch(() => [] as string[]),
  ]);

  // The HelmChart, and the chart version it carries.
  let helmChart = "present";
  if (!hc) {
    helmChart = "missing";
    problems.push(`HelmChart ${hcNamespace}/${name} does not exist: run a release`);
  } else {
    const failed = hc.status?.conditions?.find((c) => c.type === "Failed" && c.status === "True");
    if (failed) {
      helmChart = `failed: ${failed.reason ?? ""} ${failed.message ?? ""}`.trim();
      problems.push(`HelmChart ${helmChart}`);
    }
    const carried = hc.metadata.annotations?.[CHART_VERSION_ANNOTATION];
    if (desired && carried && carried !== desired.version)
      problems.push(`HelmChart carries chart ${carried}, the config wants ${desired.version}: run a release`);
  }
  if (!desired) notes.push(`not in the config: a release with --prune uninstalls it`);

  const installJob = jobStateText(job);
  if (installJob.problem) problems.push(installJob.problem);

  if (!release) {
    if (hc) problems.push(`no helm release ${namespace}/${name} yet`);
  } else {
    if (release.status !== "deployed")
      problems.push(`helm release revision ${release.revision} is ${release.status}`);
    if (desired && release.deployedVersion && !sameVersion(release.deployedVersion, desired.version)) {
      problems.push(`deployed chart ${release.deployedVersion}, the config wants ${desired.version}`);
    }
  }

  // Pods: ready against what the workloads want, restarts, and why the others are not ready.
  const ready = workloads.reduce((n, w) => n + w.ready, 0);
  const total = workloads.reduce((n, w) => n + w.desired, 0);
  const restarts = pods.reduce((n, p) => n + podRestarts(p), 0);
  const pending = workloads.filter((w) => !w.done);
  if (pending.length) {
    const causes = [
      ...pending
        .filter((w) => w.failure)
        .map((w) => ({
          reason: w.failure!.reason,
          text: `${w.ref}: ${w.failure!.reason}: ${w.failure!.message}`,
          fatal: w.failure!.fatal,
        })),
      ...workloadEventCauses(
        pending.map((w) => w.ref.split("/")[1]!),
        events,
      ),
      ...podCauses(pods, events, claims),
    ];
    const main = mainCause(causes);
    problems.push(
      `${ready}/${total} pods ready${main ? `: ${main.text}` : `: ${pending.map((w) => w.ref).join(", ")} not done`}`,
    );
  }

  const own = claims.filter(
    (c) =>
      c.metadata?.labels?.[RELEASE_LABEL] === name ||
      pods.some((p) => p.spec?.volumes?.some((v) => v.persistentVolumeClaim?.claimName === c.metadata?.name)),
  );
  const claimStatus = own.map(claimOf).sort((a, b) => (a.name < b.name ? -1 : 1));
  const unbound = claimStatus.filter((c) => c.phase !== "Bound");
  if (unbound.length)
    problems.push(`claims not bound: ${unbound.map((c) => `${c.name} (${c.phase})`).join(", ")}`);

  const drift = hc
    ? driftOf(hc.metadata.managedFields, {
        labels: ["app.kubernetes.io/managed-by", SERVICE_LABEL],
        annotations: Object.keys(hc.metadata.annotations ?? {}).filter((a) => a.startsWith("homelab.dev/")),
      })
    : [];
  if (drift.length) problems.push(`changed outside homelab-release: ${drift.map(describeDrift).join("; ")}`);
  if (release && !release.byHelmController && release.status === "deployed") {
    problems.push(
      `helm release revision ${release.revision} was not made by helm-controller (a manual helm upgrade?): the next release puts the config back`,
    );
  }

  return {
    service: name,
    namespace,
    source: desired?.source ?? hc?.metadata.annotations?.["homelab.dev/chart-source"] ?? `apps/${name}`,
    desiredVersion: desired?.version ?? null,
    deployedVersion: release?.deployedVersion ?? null,
    release: release ? releaseSummary(release) : null,
    helmChart,
    installJob: installJob.text,
    pods: { ready, total, restarts },
    claims: claimStatus,
    urls,
    podSecurity: ns?.metadata?.labels?.["pod-security.kubernetes.io/enforce"] ?? "none",
    drift,
    problems,
    notes,
    healthy: problems.length === 0,
  };
}

const releaseSummary = (r: HelmRelease) => ({
  revision: r.revision,
  status: r.status,
  byHelmController: r.byHelmController,
});

function claimOf(c: V1PersistentVolumeClaim): ClaimStatus {
  const size = c.status?.capacity?.storage ?? c.spec?.resources?.requests?.storage ?? "?";
  return { name: c.metadata?.name ?? "?", phase: c.status?.phase ?? "Pending", size: String(size) };
}

/** The install Job's state as one word (and a problem when it is one). */
function jobStateText(job: InstallJobState): { text: string; problem?: string } {
  switch (job.phase) {
    case "none":
    case "previous":
      return { text: "none" };
    case "complete":
      return { text: "complete" };
    case "failed": {
      const text = `failed: ${job.reason} ${job.message}`.trim();
      return { text, problem: `install job ${text}` };
    }
    case "failing": {
      const text = `failing: helm exited ${job.exit.exitCode}, ${job.restarts} restarts`;
      return { text, problem: `install job ${text}` };
    }
    case "suspended":
      return { text: "waiting", problem: "install job waiting to start (a release is in progress)" };
    case "running":
      return { text: "running", problem: "install job running (a release is in progress)" };
  }
}
