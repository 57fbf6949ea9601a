/**
 * The Pod Security Standards (https://kubernetes.io/docs/concepts/security/pod-security-standards/,
 * policy version v1.35), checked on a pod spec: the least level that admits the pod, and why
 * it needs more than `restricted`. The apiserver's admission is the judge; this module
 * predicts it from the rendered charts so namespaces are labelled before a pod is created.
 */
import type { V1Container, V1ObjectMeta, V1PodSpec, V1SecurityContext } from "@kubernetes/client-node";
import type { PodSecurityLevel } from "@homelab/chart-kit";
import { BASELINE_CAPABILITIES } from "@homelab/chart-kit";

export type { PodSecurityLevel };

/** Levels from the strictest to the most permissive. */
export const LEVELS: readonly PodSecurityLevel[] = ["restricted", "baseline", "privileged"];

/** The more permissive of two levels. */
export const morePermissive = (a: PodSecurityLevel, b: PodSecurityLevel): PodSecurityLevel =>
  LEVELS.indexOf(a) >= LEVELS.indexOf(b) ? a : b;

/** One check a pod fails, with the level that tolerates it. */
export interface PodSecurityFinding {
  /** `baseline` for a restricted check, `privileged` for a baseline check. */
  needs: "baseline" | "privileged";
  /** e.g. `host network`, `container main: runs as root (runAsUser 0)`. */
  what: string;
}

export interface PodSecurityNeed {
  level: PodSecurityLevel;
  findings: PodSecurityFinding[];
}

const SAFE_SYSCTLS = new Set([
  "kernel.shm_rmid_forced",
  "net.ipv4.ip_local_port_range",
  "net.ipv4.ip_unprivileged_port_start",
  "net.ipv4.tcp_syncookies",
  "net.ipv4.ping_group_range",
  "net.ipv4.ip_local_reserved_ports",
  "net.ipv4.tcp_keepalive_time",
  "net.ipv4.tcp_fin_timeout",
  "net.ipv4.tcp_keepalive_intvl",
  "net.ipv4.tcp_keepalive_probes",
]);
const SELINUX_TYPES = new Set([
  "",
  "container_t",
  "container_init_t",
  "container_kvm_t",
  "container_engine_t",
]);
const RESTRICTED_VOLUMES = new Set([
  "configMap",
  "csi",
  "downwardAPI",
  "emptyDir",
  "ephemeral",
  "persistentVolumeClaim",
  "projected",
  "secret",
]);
const APPARMOR_ANNOTATION = "container.apparmor.security.beta.kubernetes.io/";

/** The least Pod Security level that admits a pod with this spec (and metadata), and the findings. */
export function classifyPod(spec: V1PodSpec, metadata: V1ObjectMeta = {}): PodSecurityNeed {
  const findings: PodSecurityFinding[] = [];
  const privileged = (what: string) => findings.push({ needs: "privileged", what });
  const baseline = (what: string) => findings.push({ needs: "baseline", what });
  const pod = spec.securityContext ?? {};
  const containers: [string, V1Container][] = [
    ...(spec.initContainers ?? []).map((c): [string, V1Container] => [`init container ${c.name}`, c]),
    ...spec.containers.map((c): [string, V1Container] => [`container ${c.name}`, c]),
    ...((spec.ephemeralContainers ?? []) as V1Container[]).map((c): [string, V1Container] => [
      `ephemeral container ${c.name}`,
      c,
    ]),
  ];

  // Baseline: what only `privileged` admits.
  if (spec.hostNetwork) privileged("host network");
  if (spec.hostPID) privileged("host PID namespace");
  if (spec.hostIPC) privileged("host IPC namespace");
  if (pod.windowsOptions?.hostProcess) privileged("Windows HostProcess pod");
  for (const v of spec.volumes ?? [])
    if (v.hostPath) privileged(`hostPath volume ${v.name} (${v.hostPath.path})`);
  for (const s of pod.sysctls ?? []) if (!SAFE_SYSCTLS.has(s.name)) privileged(`sysctl ${s.name}`);
  if (pod.seccompProfile?.type === "Unconfined") privileged("seccomp profile Unconfined");
  if (pod.appArmorProfile?.type === "Unconfined") privileged("AppArmor profile Unconfined");
  checkSeLinux(pod.seLinuxOptions, "pod", privileged);
  for (const [key, value] of Object.entries(metadata.annotations ?? {})) {
    if (
      key.startsWith(APPARMOR_ANNOTATION) &&
      value &&
      value !== "runtime/default" &&
      !value.startsWith("localhost/")
    ) {
      privileged(`AppArmor ${value} for ${key.slice(APPARMOR_ANNOTATION.length)}`);
    }
  }
  for (const [name, c] of containers) {
    const sc: V1SecurityContext = c.securityContext ?? {};
    if (sc.privileged) privileged(`${name}: privileged`);
    if (sc.windowsOptions?.hostProcess) privileged(`${name}: Windows HostProcess`);
    const extra = (sc.capabilities?.add ?? []).filter((cap) => !BASELINE_CAPABILITIES.has(cap));
    if (extra.length) privileged(`${name}: adds capabilities ${extra.join(", ")}`);
    for (const p of c.ports ?? []) if (p.hostPort) privileged(`${name}: host port ${p.hostPort}`);
    if (sc.procMount && sc.procMount !== "Default") privileged(`${name}: procMount ${sc.procMount}`);
    if (sc.seccompProfile?.type === "Unconfined") privileged(`${name}: seccomp profile Unconfined`);
    if (sc.appArmorProfile?.type === "Unconfined") privileged(`${name}: AppArmor profile Unconfined`);
    checkSeLinux(sc.seLinuxOptions, name, privileged);
  }

  // Restricted: what `baseline` admits but `restricted` does not.
  for (const v of spec.volumes ?? []) {
    const type = Object.keys(v).find((k) => k !== "name");
    if (type && !RESTRICTED_VOLUMES.has(type) && type !== "hostPath") baseline(`${type} volume ${v.name}`);
  }
  if (pod.runAsUser === 0) baseline("pod: runs as root (runAsUser 0)");
  const podSeccomp =
    pod.seccompProfile?.type === "RuntimeDefault" || pod.seccompProfile?.type === "Localhost";
  for (const [name, c] of containers) {
    const sc: V1SecurityContext = c.securityContext ?? {};
    if (sc.allowPrivilegeEscalation !== false) baseline(`${name}: allowPrivilegeEscalation is not false`);
    const nonRoot = sc.runAsNonRoot ?? pod.runAsNonRoot;
    if (nonRoot !== true) baseline(`${name}: runAsNonRoot is not true`);
    if (sc.runAsUser === 0) baseline(`${name}: runs as root (runAsUser 0)`);
    const seccomp = sc.seccompProfile?.type;
    if (!(seccomp === "RuntimeDefault" || seccomp === "Localhost" || (seccomp === undefined && podSeccomp))) {
      if (seccomp !== "Unconfined") baseline(`${name}: no seccomp profile (RuntimeDefault or Localhost)`);
    }
    if (!(sc.capabilities?.drop ?? []).includes("ALL")) baseline(`${name}: does not drop ALL capabilities`);
    const added = (sc.capabilities?.add ?? []).filter(
      (cap) => cap !== "NET_BIND_SERVICE" && BASELINE_CAPABILITIES.has(cap),
    );
    if (added.length) baseline(`${name}: adds capabilities ${added.join(", ")}`);
  }

  const level = findings.some((f) => f.needs === "privileged")
    ? "privileged"
    : findings.length
      ? "baseline"
      : "restricted";
  return { level, findings };
}

function checkSeLinux(
  options: { type?: string; user?: string; role?: string } | undefined,
  where: string,
  report: (what: string) => void,
): void {
  if (!options) return;
  if (!SELINUX_TYPES.has(options.type ?? "")) report(`${where}: SELinux type ${options.type}`);
  if (options.user) report(`${where}: SELinux user ${options.user}`);
  if (options.role) report(`${where}: SELinux role ${options.role}`);
}
