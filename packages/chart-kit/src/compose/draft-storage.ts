/**
 * A service's volumes, tmpfs, shm_size and devices as persistence entries:
 * named volumes -> claims (or existing claims, or NFS); bind mounts of device
 * and host-system paths -> hostPath with an exception; bind mounts of files ->
 * a ConfigMap; other bind mounts (data dirs) -> claims; tmpfs and shm ->
 * memory-backed emptyDirs; and /tmp as an emptyDir (the root filesystem is read-only).
 */
import type { KeyPath, Obj } from "./compose-file.ts";
import { isObj } from "./compose-file.ts";
import type { Draft, DraftMount } from "./draft.ts";
import { idFrom } from "./draft.ts";
import { placeholdersIn } from "./interpolate.ts";
import { quantity, sizeBytes } from "./quantities.ts";
import type { VolumeSpec } from "./volumes.ts";
import { parseTmpfs, parseVolumes } from "./volumes.ts";

/** Paths of the node's system rather than data: mounted as hostPath. */
const HOST_SYSTEM =
  /^\/(dev|sys|proc|run|var\/run|lib\/modules|usr\/lib\/modules|etc\/machine-id|var\/lib\/docker|boot)(\/|$)|\.sock$/;
/** Time zone files: replaced by the TZ variable. */
const TIME_ZONE = /^\/(etc\/localtime|etc\/timezone|usr\/share\/zoneinfo)(\/|$)/;
/** File names that are configuration, mounted from a ConfigMap. */
const CONFIG_FILE =
  /\.(conf|cfg|cnf|ini|ya?ml|json|toml|xml|properties|env|txt|js|lua|acl|passwd|htpasswd)$/i;
const MEDIA = /media|movie|tv|music|photo|picture|upload|librar|download|recording|storage|backup|video/;

const TODO_SIZE = "TODO: size: a placeholder (Compose volumes have none); give what the data needs.";

export interface StorageResult {
  /** /etc/localtime or /etc/timezone was bind-mounted (the TZ variable replaces it). */
  timeZone: boolean;
}

function hostPathType(path: string): string | undefined {
  if (/^\/dev\/(tty|video|apex_|dri\/(renderD|card)|net\/tun|kfd|serial\/by-id\/)/.test(path))
    return "CharDevice";
  if (/^\/(dev\/(dri|bus\/usb|snd|input|serial\/by-id)|run\/(dbus|udev))$/.test(path)) return "Directory";
  if (/\.sock$/.test(path)) return "Socket";
  return undefined;
}

function hostPathReason(path: string): string {
  if (/^\/dev\/dri/.test(path)) return "hardware video encoding and decoding on the node's GPU (Intel/AMD)";
  if (/^\/dev\/bus\/usb/.test(path)) return "USB devices of the node (e.g. a Coral TPU)";
  if (/^\/dev\/(tty(USB|ACM)|serial)/.test(path))
    return "a serial USB device of the node (e.g. a Zigbee or Z-Wave stick)";
  if (/^\/dev\/apex_/.test(path)) return "a PCIe Coral TPU of the node";
  if (/^\/dev\/video/.test(path)) return "a video device of the node (a camera or hardware codec)";
  if (/^\/run\/dbus/.test(path)) return "talks to the node's D-Bus (e.g. Bluetooth through BlueZ)";
  if (/docker\.sock$/.test(path))
    return "controls the node's container runtime (k3s runs containerd: there is no Docker socket)";
  return `uses the node's ${path}`;
}

const placeholderSize = (target: string, database: boolean) =>
  MEDIA.test(target.toLowerCase()) ? "10Gi" : database ? "5Gi" : "1Gi";

const mountOf = (v: VolumeSpec): DraftMount => ({
  path: v.target,
  ...(v.subPath ? { subPath: v.subPath } : {}),
  ...(v.readOnly ? { readOnly: true } : {}),
});

class StorageDraft {
  constructor(
    readonly d: Draft,
    readonly cid: string,
    readonly at: KeyPath,
    readonly database: boolean,
  ) {}

  /** A new volume id from `base`: prefixed with the controller id outside main. */
  id(base: string): string {
    const wanted = this.cid === "main" ? idFrom(base, "data") : idFrom(`${this.cid}-${base}`, this.cid);
    return this.d.uniqueId(this.d.values.persistence, wanted);
  }

  add(id: string, volume: Obj, mount: DraftMount, ...notes: string[]): void {
    this.d.values.persistence[id] = volume;
    this.d.mount(id, this.cid, mount);
    if (notes.length) this.d.notes.add(this.d.values.persistence, id, ...notes);
  }

  hostPath(id: string, path: string, mount: DraftMount, what: string, ...notes: string[]): void {
    const type = hostPathType(path);
    this.add(
      id,
      { type: "hostPath", hostPath: path, ...(type ? { hostPathType: type } : {}) },
      mount,
      ...notes,
    );
    this.d.except({
      kind: "hostPath",
      volume: id,
      reason: `TODO: confirm: ${hostPathReason(path)} (Compose: ${what})`,
    });
  }

  named(v: VolumeSpec): void {
    const name = v.source ?? "";
    const shared = this.d.namedVolumes.get(name);
    if (shared) {
      this.d.mount(shared, this.cid, mountOf(v));
      this.d.notes.add(
        this.d.values.persistence,
        shared,
        "Shared by several controllers: a ReadWriteOnce claim needs their pods on one node. TODO: confirm, or use ReadWriteMany storage or NFS.",
      );
      return;
    }
    const id = this.d.uniqueId(this.d.values.persistence, idFrom(name, "data"));
    const top = this.d.compose.volumes.get(name);
    if (!top) {
      this.d.warn(
        [...this.at, "volumes"],
        `named volume "${name}" is not declared under the top-level volumes: imported as a new claim`,
      );
    }
    const options = isObj(top?.driver_opts) ? top.driver_opts : {};
    const o = String(options.o ?? "");
    const device = String(options.device ?? "");
    if (top?.external === true || isObj(top?.external)) {
      const claim = typeof top.name === "string" ? top.name : name;
      this.add(
        id,
        { type: "persistentVolumeClaim", existingClaim: claim },
        mountOf(v),
        `TODO: Compose used the existing volume "${claim}": an existing claim of that name, in the release's namespace.`,
      );
    } else if (/^nfs4?$/.test(String(options.type ?? ""))) {
      const server = /(?:^|,)addr=([^,]+)/.exec(o)?.[1] ?? "TODO";
      const path = device.replace(/^:/, "") || "/";
      this.add(
        id,
        { type: "nfs", server, path },
        mountOf(v),
        `The NFS share of Compose's volume "${name}" (driver_opts ${o}).`,
      );
      this.d.except({
        kind: "nfs",
        volume: id,
        reason: `TODO: confirm: the data lives on the NAS (Compose volume "${name}")`,
      });
    } else if (/(^|,)r?bind(,|$)/.test(o) && device.startsWith("/")) {
      this.d.namedVolumes.set(
        name,
        this.bind({ ...v, kind: "bind", source: device }, `the volume "${name}" binds ${device}`),
      );
      return;
    } else {
      if (top?.driver !== undefined && top.driver !== "local") {
        this.d.warn(
          ["volumes", name, "driver"],
          `driver "${String(top.driver)}" has no chart equivalent: imported as a claim of the default storage class`,
        );
      }
      this.add(
        id,
        { type: "persistentVolumeClaim", size: placeholderSize(v.target, this.database) },
        mountOf(v),
        TODO_SIZE,
      );
    }
    this.d.namedVolumes.set(name, id);
  }

  /** Adds a bind mount's volume; returns its id. */
  bind(v: VolumeSpec, what = `bind mount ${v.source ?? ""}`): string {
    const source = v.source ?? "";
    const base = source.split("/").filter(Boolean).pop() ?? "data";
    const fromVariable = placeholdersIn(source);
    if (HOST_SYSTEM.test(source) && !fromVariable.length) {
      const id = this.id(base.replace(/\.sock$/, "-sock"));
      this.hostPath(id, source, mountOf(v), what);
      return id;
    }
    if (CONFIG_FILE.test(base) && !fromVariable.length) {
      const id = this.id(base.replace(CONFIG_FILE, ""));
      const key = base.replace(/[^-._a-zA-Z0-9]/g, "_");
      this.d.values.configMaps[id] = { data: { [key]: `# TODO: the content of ${source}\n` } };
      this.d.notes.add(
        this.d.values.configMaps,
        id,
        `TODO: paste the content of ${source} (Compose bind-mounted the file; import does not read it). If it has {{ }} of its own, add templated: false.`,
      );
      this.add(
        id,
        { type: "configMap", identifier: id },
        { path: v.target, subPath: key, readOnly: true },
        `The file ${source} of Compose, from the ConfigMap ${id}. TODO: a service that writes this file needs it on a claim instead.`,
      );
      return id;
    }
    const target = v.target.split("/").filter(Boolean).pop() ?? "data";
    const was = fromVariable.length ? `${source} (set in .env, which import does not read)` : source;
    const id = this.id(target);
    this.add(
      id,
      { type: "persistentVolumeClaim", size: placeholderSize(v.target, this.database) },
      mountOf(v),
      `TODO: Compose bind-mounted ${was}: a new claim starts empty. Copy the data in, or reuse it with existingClaim, nfs or hostPath (with an exception).`,
      TODO_SIZE,
    );
    return id;
  }

  memory(base: string, v: VolumeSpec, note: string): void {
    const limit = v.sizeBytes !== undefined ? { sizeLimit: quantity(v.sizeBytes) } : {};
    this.add(this.id(base), { type: "emptyDir", medium: "Memory", ...limit }, mountOf(v), note);
  }

  devices(value: unknown, privileged: boolean): void {
    if (value === undefined || value === null) return;
    const list = Array.isArray(value) ? value : [value];
    list.forEach((entry: unknown, i) => {
      const text = isObj(entry)
        ? `${String(entry.source ?? "")}:${String(entry.target ?? entry.source ?? "")}`
        : String(entry);
      if (text.includes("=")) {
        this.d.warn(
          [...this.at, "devices", i],
          `"${text}" is a CDI device: not imported. Fix: request it through its device plugin's resource in resources`,
        );
        return;
      }
      const [host = "", container = host] = text.split(":");
      const base = host.split("/").filter(Boolean).pop() ?? "device";
      const notes = privileged
        ? [`The device ${host} (Compose devices).`]
        : [
            `The device ${host} (Compose devices). TODO: Kubernetes lets a container open a host device only when it is ` +
              "privileged (declare the exceptions) or through a device plugin (e.g. gpu.intel.com/i915 in resources for /dev/dri).",
          ];
      this.hostPath(this.id(base), host, { path: container }, `devices: ${text}`, ...notes);
    });
  }
}

/** Adds the volumes of compose service `svc` (at `at`) as persistence mounted into controller `cid`. */
export function draftStorage(d: Draft, cid: string, svc: Obj, at: KeyPath, database: boolean): StorageResult {
  const s = new StorageDraft(d, cid, at, database);
  const specs = [
    ...parseVolumes(d.compose, svc.volumes, [...at, "volumes"], d.warnings),
    ...parseTmpfs(d.compose, svc.tmpfs, [...at, "tmpfs"]),
  ];
  let timeZone = false;
  for (const v of specs) {
    if (v.kind === "named") s.named(v);
    else if (v.kind === "bind" && TIME_ZONE.test(v.source ?? "")) {
      timeZone = true;
      d.warn([...at, "volumes"], `the bind mount of ${v.source ?? ""} is replaced by the TZ variable`);
    } else if (v.kind === "bind") s.bind(v);
    else if (v.kind === "tmpfs")
      s.memory(
        v.target.split("/").pop() || "tmpfs",
        v,
        `A tmpfs in Compose (${v.text}): memory-backed, counted against the container's memory.`,
      );
    else {
      const id = s.id(v.target.split("/").pop() || "volume");
      s.add(
        id,
        { type: "emptyDir" },
        mountOf(v),
        `An anonymous volume in Compose (${v.text}): emptyDir keeps it only while the pod lives. TODO: use a claim if the data must survive.`,
      );
    }
  }
  if (svc.shm_size !== undefined) {
    const bytes = sizeBytes(svc.shm_size);
    const v: VolumeSpec = {
      kind: "tmpfs",
      target: "/dev/shm",
      readOnly: false,
      text: `shm_size: ${String(svc.shm_size)}`,
      ...(bytes !== undefined ? { sizeBytes: bytes } : {}),
    };
    s.memory("shm", v, `Compose's shm_size (${String(svc.shm_size)}): a memory-backed /dev/shm.`);
  }
  s.devices(svc.devices, svc.privileged === true);
  if (!specs.some((v) => v.target === "/tmp")) {
    if (!d.tmpVolume) {
      d.tmpVolume = d.uniqueId(d.values.persistence, "tmp");
      d.values.persistence[d.tmpVolume] = { type: "emptyDir" };
      d.notes.add(
        d.values.persistence,
        d.tmpVolume,
        "The root filesystem is read-only: most images need a writable /tmp.",
      );
    }
    d.mount(d.tmpVolume, cid, { path: "/tmp" });
  }
  return { timeZone };
}
