/**
 * Checks of `persistence.<id>`: each type's required keys, the chart Secret
 * or ConfigMap it mounts, and where it is mounted (controllers and containers
 * that exist, enabled or not; every mount with a path).
 */
import { referenceProblems } from "./references.ts";
import { choices, enabledEntries, isObj, keysOf, listOf, type Obj, type Problem } from "./values-access.ts";

/** A list of mounts: each a map with a path. */
export function mountListProblems(at: string, mounts: unknown): Problem[] {
  if (mounts === undefined || mounts === null) return [];
  if (!Array.isArray(mounts)) return [[at, "is not a list of mounts", "write [ { path: /somewhere } ]"]];
  return mounts.flatMap((m, i): Problem[] =>
    isObj(m) && m.path
      ? []
      : [[`${at}[${i}].path`, "is missing", "set the directory in the container, e.g. /config"]],
  );
}

/** The container and init container ids of a controller, enabled or not. */
export const containerIdsOf = (controller: unknown): string[] =>
  isObj(controller) ? [...keysOf(controller.containers), ...keysOf(controller.initContainers)] : [];

export function persistenceProblems(values: Obj): Problem[] {
  const out: Problem[] = [];
  const controllers = isObj(values.controllers) ? values.controllers : {};
  for (const [vid, v] of enabledEntries(values.persistence)) {
    const at = `values.persistence.${vid}`;
    const type = String(v.type ?? "persistentVolumeClaim");
    if (type === "nfs") {
      if (!v.server)
        out.push([`${at}.server`, "is missing", "give the NFS server's address, e.g. nas.home.arpa"]);
      if (!v.path) out.push([`${at}.path`, "is missing", "give the exported path, e.g. /export/media"]);
    }
    if (type === "hostPath" && !v.hostPath)
      out.push([`${at}.hostPath`, "is missing", "give the path on the node, e.g. /dev/dri"]);
    if (type === "custom" && !isObj(v.volumeSpec))
      out.push([`${at}.volumeSpec`, "is missing", "give the volume source, e.g. { csi: {...} }"]);
    if (type === "persistentVolumeClaim" && !v.existingClaim && !v.size)
      out.push([`${at}.size`, "is missing", "give a size, e.g. 1Gi, or an existingClaim"]);
    if (type === "secret" || type === "configMap")
      out.push(...referenceProblems(values, at, v, type === "secret" ? "secrets" : "configMaps"));
    out.push(...mountListProblems(`${at}.globalMounts`, v.globalMounts));
    for (const [cid, byContainer] of Object.entries(isObj(v.advancedMounts) ? v.advancedMounts : {})) {
      if (!(cid in controllers)) {
        out.push([
          `${at}.advancedMounts.${cid}`,
          `"${cid}" is not a controller`,
          `use one of: ${choices(keysOf(controllers))}`,
        ]);
        continue;
      }
      const known = containerIdsOf(controllers[cid]);
      for (const [id, mounts] of Object.entries(isObj(byContainer) ? byContainer : {})) {
        if (!known.includes(id)) {
          out.push([
            `${at}.advancedMounts.${cid}.${id}`,
            `"${id}" is not a container of ${cid}`,
            `use one of: ${choices(known)}`,
          ]);
        }
        out.push(...mountListProblems(`${at}.advancedMounts.${cid}.${id}`, mounts));
      }
    }
  }
  return out;
}

/** The mount paths of one container, as [volume, path] in the library's order. */
export function mountsOf(
  values: Obj,
  controllerId: string,
  controller: Obj,
  containerId: string,
): [string, string][] {
  const out: [string, string][] = [];
  for (const [vid, v] of enabledEntries(values.persistence)) {
    const advanced =
      isObj(v.advancedMounts) && isObj(v.advancedMounts[controllerId]) ? v.advancedMounts[controllerId] : {};
    for (const m of [...listOf(v.globalMounts), ...listOf(advanced[containerId])])
      if (isObj(m)) out.push([vid, String(m.path)]);
  }
  if (controller.type === "statefulset" && isObj(controller.statefulset)) {
    for (const t of listOf(controller.statefulset.volumeClaimTemplates)) {
      if (!isObj(t) || t.enabled === false) continue;
      const advanced = isObj(t.advancedMounts) ? t.advancedMounts : {};
      for (const m of [...listOf(t.globalMounts), ...listOf(advanced[containerId])])
        if (isObj(m)) out.push([String(t.name), String(m.path)]);
    }
  }
  return out;
}
