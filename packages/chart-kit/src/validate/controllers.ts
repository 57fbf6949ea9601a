/**
 * Checks of `controllers.<id>`: type and strategy, schedule, containers (one
 * primary), ServiceAccount, pod restartPolicy, StatefulSet claim templates,
 * init container order, and the port names of the pod, including the ports
 * its Services add; then each container (containers.ts).
 */
import { containerProblems } from "./containers.ts";
import { containerIdsOf, mountListProblems } from "./persistence.ts";
import {
  choices,
  enabledEntries,
  enabledIds,
  isObj,
  listOf,
  servicesOf,
  wireProtocol,
} from "./values-access.ts";
import type { Obj, Problem } from "./values-access.ts";

const STRATEGIES: Record<string, string[]> = {
  deployment: ["Recreate", "RollingUpdate"],
  statefulset: ["RollingUpdate", "OnDelete"],
  daemonset: ["RollingUpdate", "OnDelete"],
};

export function controllerProblems(values: Obj): Problem[] {
  return enabledEntries(values.controllers).flatMap(([id, c]) => [
    ...controllerSettingProblems(values, id, c),
    ...claimTemplateProblems(values, id, c),
    ...initOrderProblems(id, c),
    ...podPortProblems(values, id, c),
  ]);
}

function controllerSettingProblems(values: Obj, id: string, c: Obj): Problem[] {
  const at = `values.controllers.${id}`;
  const type = String(c.type ?? "deployment");
  const out: Problem[] = [];
  if (c.strategy) {
    const allowed = STRATEGIES[type];
    if (!allowed)
      out.push([`${at}.strategy`, `is set, but a ${type} has no update strategy`, "remove strategy"]);
    else if (!allowed.includes(String(c.strategy)))
      out.push([
        `${at}.strategy`,
        `"${String(c.strategy)}" is not a ${type} strategy`,
        `use one of: ${allowed.join(", ")}`,
      ]);
  }
  if (type === "cronjob" && !(isObj(c.cronjob) && c.cronjob.schedule))
    out.push([`${at}.cronjob.schedule`, "is missing", 'give a cron schedule, e.g. "*/5 * * * *"']);
  const containers = enabledEntries(c.containers);
  if (!containers.length) out.push([`${at}.containers`, "has no enabled container", "add one"]);
  const primaries = containers.filter(([, k]) => k.primary).map(([cid]) => cid);
  if (primaries.length > 1)
    out.push([
      `${at}.containers`,
      `containers ${primaries.join(", ")} are all marked primary`,
      "set primary: true on one only",
    ]);
  for (const [cid, k] of containers) {
    if (k.dependsOn)
      out.push([
        `${at}.containers.${cid}.dependsOn`,
        "is set on a regular container",
        "only init containers have a start order",
      ]);
  }
  const account = isObj(c.serviceAccount) ? c.serviceAccount.identifier : undefined;
  const accounts = enabledIds(values.serviceAccount);
  if (account && !accounts.has(String(account))) {
    out.push([
      `${at}.serviceAccount.identifier`,
      `"${String(account)}" is not one of the chart's ServiceAccounts`,
      `use one of: ${choices(accounts)}, or name an existing one with serviceAccount.name`,
    ]);
  }
  const pod = isObj(c.pod) ? c.pod : {};
  const defaults = isObj(values.defaultPodOptions) ? values.defaultPodOptions : {};
  const restartPolicy = pod.restartPolicy ?? defaults.restartPolicy;
  const allowed = type === "cronjob" || type === "job" ? ["OnFailure", "Never"] : ["Always"];
  if (restartPolicy && !allowed.includes(String(restartPolicy))) {
    out.push([
      "restartPolicy" in pod ? `${at}.pod.restartPolicy` : "values.defaultPodOptions.restartPolicy",
      `a ${type}'s pods cannot use restartPolicy "${String(restartPolicy)}"`,
      `use ${allowed.join(" or ")}`,
    ]);
  }
  return out;
}

function claimTemplateProblems(values: Obj, id: string, c: Obj): Problem[] {
  if (c.type !== "statefulset" || !isObj(c.statefulset)) return [];
  const out: Problem[] = [];
  const names: string[] = [];
  const persistence = isObj(values.persistence) ? values.persistence : {};
  const containers = containerIdsOf(c);
  listOf(c.statefulset.volumeClaimTemplates).forEach((template, i) => {
    const at = `values.controllers.${id}.statefulset.volumeClaimTemplates[${i}]`;
    const t = isObj(template) ? template : {};
    const name = String(t.name ?? "");
    if (!name) out.push([`${at}.name`, "is missing", "name the claim template (it is also the volume name)"]);
    if (!t.size) out.push([`${at}.size`, "is missing", "give a size, e.g. 5Gi"]);
    if (name && (names.includes(name) || name in persistence))
      out.push([
        `${at}.name`,
        `"${name}" is also a persistence id or another claim template`,
        "give the claim template a name of its own",
      ]);
    names.push(name);
    out.push(...mountListProblems(`${at}.globalMounts`, t.globalMounts));
    for (const [cid, mounts] of Object.entries(isObj(t.advancedMounts) ? t.advancedMounts : {})) {
      if (!containers.includes(cid))
        out.push([
          `${at}.advancedMounts.${cid}`,
          `"${cid}" is not a container of ${id}`,
          `use one of: ${choices(containers)}`,
        ]);
      out.push(...mountListProblems(`${at}.advancedMounts.${cid}`, mounts));
    }
  });
  return out;
}

const dependsOnOf = (k: Obj): string[] =>
  typeof k.dependsOn === "string" ? [k.dependsOn] : listOf(k.dependsOn).map(String);

/** Init containers start in dependsOn order: every id they wait for exists, and there is no cycle. */
function initOrderProblems(id: string, c: Obj): Problem[] {
  const at = `values.controllers.${id}.initContainers`;
  const inits = new Map(enabledEntries(c.initContainers));
  const done = new Set<string>();
  let progress = true;
  while (progress) {
    progress = false;
    for (const [cid, k] of inits) {
      if (!done.has(cid) && dependsOnOf(k).every((d) => done.has(d))) {
        done.add(cid);
        progress = true;
      }
    }
  }
  const left = [...inits.keys()].filter((cid) => !done.has(cid));
  if (!left.length) return [];
  const out: Problem[] = [];
  for (const cid of left) {
    for (const d of dependsOnOf(inits.get(cid)!)) {
      if (!inits.has(d))
        out.push([
          `${at}.${cid}.dependsOn`,
          `"${d}" is not an enabled init container`,
          `use one of: ${choices(inits.keys())}`,
        ]);
    }
  }
  out.push([
    at,
    `dependsOn forms a cycle between ${left.join(", ")}`,
    "remove one dependsOn so that some init container comes first",
  ]);
  return out;
}

/** The primary container: the enabled one marked primary, else main, else the first by id. */
function primaryContainerId(c: Obj): string {
  const ids = enabledEntries(c.containers);
  return (
    ids.find(([, k]) => k.primary)?.[0] ??
    (ids.some(([cid]) => cid === "main") ? "main" : (ids[0]?.[0] ?? ""))
  );
}

/** One port name per pod (the Services' ports on the primary container count), and one number per Service port name. */
function podPortProblems(values: Obj, id: string, c: Obj): Problem[] {
  const out: Problem[] = [];
  const primary = primaryContainerId(c);
  const claimedBy = new Map<string, string>();
  const servicePorts: string[] = [];
  const shape = new Map<string, { key: string; at: string }>();
  const namedTargets: [string, string][] = [];
  for (const [sid, s] of servicesOf(values, id)) {
    for (const [name, p] of enabledEntries(s.ports)) {
      const at = `values.service.${sid}.ports.${name}`;
      if (typeof p.targetPort === "string") {
        namedTargets.push([at, p.targetPort]);
        continue;
      }
      if (!claimedBy.has(name)) servicePorts.push(name);
      claimedBy.set(name, `the Services' port "${name}" (on ${primary})`);
      const key = `${String(p.targetPort ?? p.port)}/${wireProtocol(p.protocol)}`;
      const before = shape.get(name);
      if (before && before.key !== key)
        out.push([
          at,
          `container port "${name}" of ${id} would be ${key} here but ${before.key} in ${before.at}`,
          "give the two ports different names",
        ]);
      shape.set(name, { key, at });
    }
  }
  for (const group of ["containers", "initContainers"] as const) {
    for (const [cid, k] of enabledEntries(c[group])) {
      out.push(
        ...containerProblems({
          values,
          controllerId: id,
          controller: c,
          group,
          id: cid,
          container: k,
          servicePorts: group === "containers" && cid === primary ? servicePorts : [],
        }),
      );
      listOf(k.ports).forEach((p, i) => {
        const name = isObj(p) ? String(p.name ?? "") : "";
        const other = claimedBy.get(name);
        if (other !== undefined)
          out.push([
            `values.controllers.${id}.${group}.${cid}.ports[${i}].name`,
            `port name "${name}" is also claimed by ${other}`,
            "give each port of a pod its own name",
          ]);
        claimedBy.set(name, `${group}.${cid}`);
      });
    }
  }
  for (const [at, target] of namedTargets) {
    if (!claimedBy.has(target))
      out.push([
        `${at}.targetPort`,
        `controller "${id}" has no container port named "${target}"`,
        `declare it in a container's ports of controllers.${id}, or give a number`,
      ]);
  }
  return out;
}
