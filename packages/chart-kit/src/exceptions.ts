/**
 * Departures from the secure defaults, found in a chart's values, and the
 * exceptions that declare them. One text per exception (`describeException`)
 * serves values.yaml, the chart README and the repository README's table.
 */
import type { ExceptionDefinition, ExceptionKind, PodSecurityLevel } from "./definition.ts";

type Obj = Record<string, unknown>;

/** One departure found in values: what, where, and the values path that causes it. */
export interface Departure {
  kind: ExceptionKind;
  controller?: string;
  container?: string;
  volume?: string;
  /** e.g. `controllers.main.pod.hostNetwork`. */
  path: string;
  /** For `capabilities`: the added capabilities. */
  capabilities?: string[];
}

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const entries = (v: unknown): [string, Obj][] =>
  isObj(v)
    ? Object.entries(v)
        .filter((e): e is [string, Obj] => isObj(e[1]) && e[1].enabled !== false)
        .sort(([a], [b]) => (a < b ? -1 : 1))
    : [];

/** Capabilities Pod Security "baseline" allows adding (restricted allows only NET_BIND_SERVICE). */
export const BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
  "AUDIT_WRITE",
  "CHOWN",
  "DAC_OVERRIDE",
  "FOWNER",
  "FSETID",
  "KILL",
  "MKNOD",
  "NET_BIND_SERVICE",
  "SETFCAP",
  "SETGID",
  "SETPCAP",
  "SETUID",
  "SYS_CHROOT",
]);

/** Every departure from the secure defaults in `values`, in a stable order. */
export function findDepartures(values: Obj): Departure[] {
  const out: Departure[] = [];
  const defaults = isObj(values.defaultPodOptions) ? values.defaultPodOptions : {};
  for (const [kind, key] of [
    ["hostNetwork", "hostNetwork"],
    ["hostPID", "hostPID"],
    ["hostIPC", "hostIPC"],
  ] as const) {
    if (defaults[key] === true) out.push({ kind, path: `defaultPodOptions.${key}` });
  }
  for (const [cid, controller] of entries(values.controllers)) {
    const pod = isObj(controller.pod) ? controller.pod : {};
    for (const key of ["hostNetwork", "hostPID", "hostIPC"] as const) {
      if (pod[key] === true) out.push({ kind: key, controller: cid, path: `controllers.${cid}.pod.${key}` });
    }
    const podSc = isObj(pod.securityContext) ? pod.securityContext : {};
    if (podSc.runAsUser === 0 || podSc.runAsNonRoot === false) {
      out.push({ kind: "runAsRoot", controller: cid, path: `controllers.${cid}.pod.securityContext` });
    }
    for (const group of ["initContainers", "containers"] as const) {
      for (const [id, container] of entries(controller[group])) {
        out.push(...containerDepartures(container, cid, id, `controllers.${cid}.${group}.${id}`));
      }
    }
  }
  for (const [vid, volume] of entries(values.persistence)) {
    if (volume.type === "hostPath" || volume.type === "nfs") {
      out.push({ kind: volume.type, volume: vid, path: `persistence.${vid}` });
    }
  }
  return out;
}

function containerDepartures(container: Obj, controller: string, id: string, at: string): Departure[] {
  const out: Departure[] = [];
  const where = { controller, container: id };
  const sc = isObj(container.securityContext) ? container.securityContext : {};
  const path = `${at}.securityContext`;
  if (sc.runAsUser === 0 || sc.runAsNonRoot === false) out.push({ kind: "runAsRoot", ...where, path });
  if (sc.readOnlyRootFilesystem === false) {
    out.push({ kind: "writableRootFilesystem", ...where, path: `${path}.readOnlyRootFilesystem` });
  }
  if (sc.privileged === true) out.push({ kind: "privileged", ...where, path: `${path}.privileged` });
  if (sc.allowPrivilegeEscalation === true) {
    out.push({ kind: "privilegeEscalation", ...where, path: `${path}.allowPrivilegeEscalation` });
  }
  const add = isObj(sc.capabilities) && Array.isArray(sc.capabilities.add) ? sc.capabilities.add : [];
  if (add.length > 0) {
    out.push({
      kind: "capabilities",
      ...where,
      path: `${path}.capabilities.add`,
      capabilities: add.map(String),
    });
  }
  const ports = Array.isArray(container.ports) ? container.ports : [];
  if (ports.some((p) => isObj(p) && typeof p.hostPort === "number")) {
    out.push({ kind: "hostPort", ...where, path: `${at}.ports` });
  }
  return out;
}

/** True when the declared exception covers the departure: every place it names matches. */
export function covers(e: ExceptionDefinition, d: Departure): boolean {
  return (
    e.kind === d.kind &&
    (e.controller === undefined || e.controller === d.controller) &&
    (e.container === undefined || e.container === d.container) &&
    (e.volume === undefined || e.volume === d.volume)
  );
}

const KIND_TEXT: Record<ExceptionKind, string> = {
  runAsRoot: "runs as root",
  writableRootFilesystem: "writable root filesystem",
  capabilities: "adds capabilities",
  privileged: "privileged container",
  privilegeEscalation: "allows privilege escalation",
  hostNetwork: "host network",
  hostPID: "host PID namespace",
  hostIPC: "host IPC namespace",
  hostPath: "mounts a host path",
  hostPort: "binds a host port",
  nfs: "mounts an NFS share",
};

/** Where an exception applies, as a reader names it: `main`, `main/redis`, `volume dri`. */
export function exceptionPlace(e: Pick<ExceptionDefinition, "controller" | "container" | "volume">): string {
  if (e.volume) return `volume ${e.volume}`;
  if (e.controller && e.container) return `${e.controller}/${e.container}`;
  return e.controller ?? "every controller";
}

/**
 * The one text of an exception, e.g. `host network: discovers devices on the LAN`
 * or `adds NET_BIND_SERVICE: serves DNS on port 53`; `capabilities` names what it adds.
 */
export function describeException(e: ExceptionDefinition, capabilities: readonly string[] = []): string {
  const what =
    e.kind === "capabilities" && capabilities.length ? `adds ${capabilities.join(", ")}` : KIND_TEXT[e.kind];
  return `${what}: ${e.reason}`;
}

/** The capabilities an exception covers, from the departures it matches. */
export function capabilitiesOf(e: ExceptionDefinition, departures: readonly Departure[]): string[] {
  const caps = departures.filter((d) => covers(e, d)).flatMap((d) => d.capabilities ?? []);
  return [...new Set(caps)].sort();
}

/**
 * The least Pod Security Standards level pods with these departures are
 * admitted under: host namespaces, privileged containers, host paths and
 * host ports and capabilities beyond baseline's need `privileged`; root,
 * privilege escalation, other added capabilities and nfs volumes need
 * `baseline`; a writable root filesystem is allowed under `restricted`.
 */
export function podSecurityLevelOf(departures: readonly Departure[]): PodSecurityLevel {
  let level: PodSecurityLevel = "restricted";
  for (const d of departures) {
    switch (d.kind) {
      case "hostNetwork":
      case "hostPID":
      case "hostIPC":
      case "privileged":
      case "hostPath":
      case "hostPort":
        return "privileged";
      case "capabilities":
        if ((d.capabilities ?? []).some((c) => !BASELINE_CAPABILITIES.has(c))) return "privileged";
        if ((d.capabilities ?? []).some((c) => c !== "NET_BIND_SERVICE")) level = "baseline";
        break;
      case "runAsRoot":
      case "privilegeEscalation":
      case "nfs":
        level = "baseline";
        break;
      case "writableRootFilesystem":
        break;
    }
  }
  return level;
}

/** The least Pod Security level a definition's default pods need. */
export function podSecurityLevel(def: { values: unknown }): PodSecurityLevel {
  return podSecurityLevelOf(findDepartures((def.values ?? {}) as Obj));
}
