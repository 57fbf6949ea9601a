/**
 * Checks of one container or init container of a controller: its pinned
 * image, restartPolicy (native sidecars), env and envFrom references, ports,
 * probes, securityContext and the paths its volumes are mounted at.
 */
import { mountsOf } from "./persistence.ts";
import { referenceProblems } from "./references.ts";
import { isEnabled, isObj, listOf, type Obj, type Problem } from "./values-access.ts";

export interface ContainerAt {
  values: Obj;
  controllerId: string;
  controller: Obj;
  group: "containers" | "initContainers";
  id: string;
  container: Obj;
  /** The ports the Services of the controller add to this container (its primary container only). */
  servicePorts: string[];
}

const PROBE_KINDS = ["liveness", "readiness", "startup"] as const;
const PROBE_TYPES = ["http", "https", "tcp", "grpc", "exec", "custom"];

export function containerProblems(c: ContainerAt): Problem[] {
  const at = `values.controllers.${c.controllerId}.${c.group}.${c.id}`;
  const k = c.container;
  const out: Problem[] = [];
  const image = isObj(k.image) ? k.image : {};
  const tag = String(image.tag ?? "");
  if (!tag || tag === "latest")
    out.push([`${at}.image.tag`, `"${tag}" is not a pinned tag`, "pin a released version, e.g. 1.2.3"]);
  const probes = isObj(k.probes) ? k.probes : {};
  const enabledProbes = PROBE_KINDS.filter((kind) => kind in probes && isEnabled(probes[kind]));
  if (c.group === "initContainers") {
    if (k.restartPolicy !== undefined && k.restartPolicy !== "Always") {
      out.push([
        `${at}.restartPolicy`,
        `an init container's restartPolicy can only be Always (a native sidecar), not "${String(k.restartPolicy)}"`,
        "set restartPolicy: Always for a sidecar, or remove it",
      ]);
    }
    if (!k.restartPolicy) {
      for (const kind of enabledProbes) {
        out.push([
          `${at}.probes.${kind}`,
          "is set on an init container that runs to completion",
          "remove the probe, or make it a native sidecar with restartPolicy: Always",
        ]);
      }
      if (k.lifecycle)
        out.push([
          `${at}.lifecycle`,
          "is set on an init container that runs to completion",
          "remove it, or make it a native sidecar",
        ]);
    }
  } else if (k.restartPolicy !== undefined) {
    out.push([
      `${at}.restartPolicy`,
      "is set on a regular container",
      "move the container to initContainers to make it a native sidecar (restartPolicy: Always)",
    ]);
  }
  out.push(...envProblems(c.values, at, k));
  listOf(k.ports).forEach((p, i) => {
    const port = isObj(p) ? p : {};
    if (!port.name || !port.containerPort)
      out.push([
        `${at}.ports[${i}]`,
        "needs name and containerPort",
        "write { name: metrics, containerPort: 9090 }",
      ]);
    if (String(port.name ?? "").length > 15)
      out.push([
        `${at}.ports[${i}].name`,
        `"${String(port.name)}" is longer than 15 characters`,
        "use a shorter name",
      ]);
  });
  const hasPorts = c.servicePorts.length > 0 || listOf(k.ports).length > 0;
  for (const kind of enabledProbes) {
    const probe = isObj(probes[kind]) ? probes[kind] : {};
    const pat = `${at}.probes.${kind}`;
    const type = String(probe.type ?? "tcp").toLowerCase();
    if (!PROBE_TYPES.includes(type))
      out.push([
        `${pat}.type`,
        `unknown probe type "${String(probe.type)}"`,
        `use one of: ${PROBE_TYPES.join(", ")}`,
      ]);
    if (type === "exec" && !probe.command)
      out.push([`${pat}.command`, "is missing for an exec probe", "set command, e.g. [cat, /tmp/healthy]"]);
    if (type === "custom" && !probe.spec)
      out.push([`${pat}.spec`, "is missing for a custom probe", "set spec to a whole Kubernetes probe"]);
    const portless = probe.port === undefined || probe.port === null;
    if (["http", "https", "tcp", "grpc"].includes(type) && portless && !hasPorts)
      out.push([
        `${pat}.port`,
        `is missing and the container has no port for this ${type} probe`,
        "set port to a port name or number",
      ]);
    if (type === "grpc" && !portless && !/^[0-9]+$/.test(String(probe.port)))
      out.push([`${pat}.port`, "is a name; a grpc probe needs a port number", "set port to the number"]);
  }
  const sc = isObj(k.securityContext) ? k.securityContext : {};
  if (sc.privileged && !sc.allowPrivilegeEscalation) {
    out.push([
      `${at}.securityContext.privileged`,
      "is true while allowPrivilegeEscalation is false (its default); a privileged container always allows it",
      "set securityContext.allowPrivilegeEscalation: true as well",
    ]);
  }
  const seen = new Map<string, string>();
  for (const [volume, path] of mountsOf(c.values, c.controllerId, c.controller, c.id)) {
    const other = seen.get(path);
    if (other !== undefined)
      out.push([
        at,
        `volumes "${other}" and "${volume}" are both mounted at ${path}`,
        "mount one of them elsewhere (or use subPath)",
      ]);
    seen.set(path, volume);
  }
  return out;
}

function envProblems(values: Obj, at: string, k: Obj): Problem[] {
  const out: Problem[] = [];
  for (const [name, v] of Object.entries(isObj(k.env) ? k.env : {})) {
    if (!isObj(v)) continue;
    const eat = `${at}.env.${name}`;
    if (!("value" in v) && !("valueFrom" in v))
      out.push([
        eat,
        "is a map without value or valueFrom",
        `write ${name}: "text" or { valueFrom: { secretKeyRef: { identifier, key } } }`,
      ]);
    const from = isObj(v.valueFrom) ? v.valueFrom : {};
    for (const [kind, map] of [
      ["secretKeyRef", "secrets"],
      ["configMapKeyRef", "configMaps"],
    ] as const) {
      if (from[kind] === undefined || from[kind] === null) continue;
      out.push(...referenceProblems(values, `${eat}.valueFrom.${kind}`, from[kind], map));
      if (!(isObj(from[kind]) && from[kind].key))
        out.push([`${eat}.valueFrom.${kind}.key`, "is missing", "set key to the key inside the object"]);
    }
  }
  listOf(k.envFrom).forEach((source, i) => {
    const s = isObj(source) ? source : {};
    const kinds = (["secretRef", "configMapRef"] as const).filter((kind) => kind in s);
    if (!kinds.length)
      out.push([
        `${at}.envFrom[${i}]`,
        "needs secretRef or configMapRef",
        "write { secretRef: { identifier: <secrets id> } }",
      ]);
    for (const kind of kinds)
      out.push(
        ...referenceProblems(
          values,
          `${at}.envFrom[${i}].${kind}`,
          s[kind],
          kind === "secretRef" ? "secrets" : "configMaps",
        ),
      );
  });
  return out;
}
