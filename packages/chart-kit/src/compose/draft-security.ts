/**
 * A service's user, capabilities, privileged flag and host namespaces as the
 * pod and container security settings, each departure from the secure
 * defaults declared as an exception with a reason for a person to confirm.
 */
import type { KeyPath, Obj } from "./compose-file.ts";
import type { Draft } from "./draft.ts";
import { placeholdersIn } from "./interpolate.ts";

const CAPABILITY_USES: Record<string, string> = {
  NET_ADMIN: "configures network interfaces or serves DHCP",
  NET_RAW: "sends raw packets (ping, DHCP)",
  NET_BIND_SERVICE: "binds ports below 1024",
  SYS_ADMIN: "mounts filesystems or other administration (nearly privileged)",
  SYS_NICE: "changes process priorities",
  SYS_TIME: "sets the clock",
  SYS_RAWIO: "accesses devices directly",
  CHOWN: "changes file owners at start",
  DAC_OVERRIDE: "writes files it does not own",
  FOWNER: "changes files it does not own",
  SETUID: "switches to another user at start",
  SETGID: "switches to another group at start",
};

interface User {
  uid?: number;
  gid?: number;
}

function parseUser(d: Draft, value: unknown, at: KeyPath): User | undefined {
  if (value === undefined || value === null) return undefined;
  const text = String(value);
  const [user = "", group] = text.split(":");
  const id = (s: string | undefined) =>
    s === "root" ? 0 : s !== undefined && /^\d+$/.test(s) ? Number(s) : undefined;
  const uid = id(user);
  const gid = id(group);
  if (uid === undefined || (group !== undefined && gid === undefined)) {
    const why = placeholdersIn(text).length
      ? "comes from a variable import cannot resolve"
      : "is a name, and Kubernetes needs numeric ids";
    d.warn(at, `"${text}" ${why}: the draft runs as 1000:1000. Fix: set runAsUser and runAsGroup to the ids`);
    return undefined;
  }
  return { uid, ...(gid !== undefined ? { gid } : {}) };
}

export interface SecurityInput {
  cid: string;
  at: KeyPath;
  svc: Obj;
  /** Container ports below 1024 (they need NET_BIND_SERVICE once every capability is dropped). */
  lowPorts: number[];
  /** Whether the env has PUID/PGID (a linuxserver.io-style image that starts as root). */
  puid: boolean;
}

export interface Security {
  pod: Obj;
  /** The container's securityContext; empty when the defaults apply. */
  container: Obj;
  /** Comments for the container entry. */
  containerNotes: string[];
}

/** The pod and container security settings of one service, with their exceptions. */
export function draftSecurity(d: Draft, { cid, at, svc, lowPorts, puid }: SecurityInput): Security {
  const pod: Obj = {};
  const podNotes: string[] = [];
  const containerNotes: string[] = [];
  const user = parseUser(d, svc.user, [...at, "user"]);
  const sc: Obj = {};
  if (user?.uid === 0) {
    Object.assign(sc, {
      runAsNonRoot: false,
      runAsUser: 0,
      runAsGroup: user.gid ?? 0,
      fsGroup: user.gid ?? 0,
    });
    d.except({
      kind: "runAsRoot",
      controller: cid,
      reason: `TODO: confirm: Compose ran it as ${String(svc.user)}`,
    });
  } else if (user) {
    const gid = user.gid ?? user.uid ?? 1000;
    Object.assign(sc, { runAsUser: user.uid, runAsGroup: gid, fsGroup: gid });
    if (user.gid === undefined)
      podNotes.push(
        `Compose gave the user ${String(svc.user)} without a group: the group is the same id. TODO: confirm.`,
      );
  } else {
    Object.assign(sc, { runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000 });
    podNotes.push(
      "TODO: Compose ran the image's own user (often root); the chart runs as 1000:1000. Check the image's USER: " +
        "an image that must start as root needs runAsNonRoot: false, runAsUser: 0 and a runAsRoot exception.",
    );
    if (puid)
      podNotes.push(
        "PUID/PGID in env: a linuxserver.io-style image starts as root and drops to PUID (it needs root and SETUID, SETGID, CHOWN).",
      );
  }
  const groups = (Array.isArray(svc.group_add) ? svc.group_add : []).map(String);
  const numeric = groups.filter((g) => /^\d+$/.test(g)).map(Number);
  if (numeric.length) sc.supplementalGroups = numeric;
  if (numeric.length < groups.length) {
    d.warn(
      [...at, "group_add"],
      "group names are not imported (Kubernetes needs numeric ids). Fix: add the ids to pod.securityContext.supplementalGroups",
    );
  }
  pod.securityContext = sc;
  if (podNotes.length) d.notes.add(pod, "securityContext", ...podNotes);

  const mode = typeof svc.network_mode === "string" ? svc.network_mode : undefined;
  if (mode === "host") {
    pod.hostNetwork = true;
    d.except({
      kind: "hostNetwork",
      controller: cid,
      reason:
        "TODO: confirm: Compose ran it with network_mode: host (e.g. LAN discovery through mDNS or SSDP)",
    });
  } else if (mode && mode !== "bridge" && mode !== "default") {
    d.warn(
      [...at, "network_mode"],
      `"${mode}" is not imported: pods have their own network. Fix: to share one network namespace, run the containers in one controller`,
    );
  }
  for (const [key, field, kind] of [
    ["pid", "hostPID", "hostPID"],
    ["ipc", "hostIPC", "hostIPC"],
  ] as const) {
    if (svc[key] === "host") {
      pod[field] = true;
      d.except({ kind, controller: cid, reason: `TODO: confirm: Compose ran it with ${key}: host` });
    } else if (svc[key] !== undefined && !(key === "ipc" && /^(private|shareable)$/.test(String(svc[key])))) {
      d.warn(
        [...at, key],
        `"${String(svc[key])}" is not imported: pods have their own ${key.toUpperCase()} namespace`,
      );
    }
  }

  const container: Obj = {};
  const uses: string[] = [];
  const caps: string[] = [];
  for (const c of Array.isArray(svc.cap_add) ? svc.cap_add : []) {
    const cap = String(c).toUpperCase().replace(/^CAP_/, "");
    if (caps.includes(cap)) continue;
    caps.push(cap);
    uses.push(`${cap}: Compose added it (${CAPABILITY_USES[cap] ?? "cap_add"})`);
  }
  if (lowPorts.length && !caps.includes("NET_BIND_SERVICE") && !caps.includes("ALL")) {
    caps.push("NET_BIND_SERVICE");
    const list = [...new Set(lowPorts)].sort((a, b) => a - b);
    uses.push(
      `NET_BIND_SERVICE: binds port ${list.join(", ")} (below 1024) with every other capability dropped`,
    );
  }
  if (svc.privileged === true) {
    Object.assign(container, { privileged: true, allowPrivilegeEscalation: true });
    d.except({
      kind: "privileged",
      controller: cid,
      container: "main",
      reason: "TODO: confirm: Compose ran it privileged (e.g. for devices)",
    });
    d.except({
      kind: "privilegeEscalation",
      controller: cid,
      container: "main",
      reason: "TODO: confirm: a privileged container escalates by definition",
    });
  }
  if (caps.length) {
    container.capabilities = { add: caps };
    d.except({
      kind: "capabilities",
      controller: cid,
      container: "main",
      reason: `TODO: confirm: ${uses.join("; ")}`,
    });
  }
  if (svc.cap_drop !== undefined) {
    d.warn(
      [...at, "cap_drop"],
      "not imported: every capability is dropped by default (only cap_add and low ports add some back)",
    );
  }
  if (svc.read_only !== true) {
    containerNotes.push(
      "TODO: the root filesystem is read-only here (Compose's was writable): if the image writes outside its volumes, " +
        "mount an emptyDir there, or set securityContext.readOnlyRootFilesystem: false with a writableRootFilesystem exception.",
    );
  }
  if (user?.uid === 0 || !user) {
    containerNotes.push(
      "Docker gave the container its default capabilities (CHOWN, SETUID, SETGID, ...); the chart drops all. TODO: an image " +
        "that switches users at start (s6-overlay, gosu, su-exec) needs those it uses, declared as a capabilities exception.",
    );
  }
  return { pod, container, containerNotes };
}
