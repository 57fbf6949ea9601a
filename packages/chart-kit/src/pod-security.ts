import type { PodSecurityLevel, ServiceDefinition } from "./definition.ts";

/** Capabilities Pod Security "baseline" allows adding (restricted allows only NET_BIND_SERVICE). */
const BASELINE_CAPABILITIES = new Set([
  "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
]);

/**
 * The least Pod Security Standards level the service's pods are admitted
 * under, from its declared exceptions: host network needs `privileged`;
 * root or capabilities beyond NET_BIND_SERVICE need `baseline` (or
 * `privileged` for capabilities baseline does not allow); otherwise
 * `restricted`.
 */
export function podSecurityLevel(def: ServiceDefinition): PodSecurityLevel {
  let level: PodSecurityLevel = "restricted";
  for (const c of Object.values(def.controllers)) {
    if (c.hostNetwork) return "privileged";
    const caps = c.capabilities?.add ?? [];
    if (caps.some((cap) => !BASELINE_CAPABILITIES.has(cap))) return "privileged";
    if (c.runAsRoot || caps.some((cap) => cap !== "NET_BIND_SERVICE")) level = "baseline";
  }
  return level;
}

/** Chart.yaml annotation carrying the level, read by the release tool to label the namespace. */
export const POD_SECURITY_ANNOTATION = "homelab.dev/pod-security";
