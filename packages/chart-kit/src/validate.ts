import type { ControllerDefinition, ProbeDefinition, ServiceDefinition } from "./definition.ts";
import { DefinitionError, DefinitionErrors } from "./errors.ts";

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const PORT_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const QUANTITY = /^[0-9]+(\.[0-9]+)?(m|k|Ki|M|Mi|G|Gi|T|Ti|P|Pi|E|Ei)?$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;
const CAPABILITY = /^[A-Z_]+$/;
const TAG = /^[\w][\w.-]{0,127}$/;

/** Checks a definition and throws every problem at once as {@link DefinitionErrors}. */
export function validateDefinition(def: ServiceDefinition): void {
  const errors = definitionProblems(def);
  if (errors.length > 0) throw new DefinitionErrors(errors);
}

/** Every problem of a definition, each naming the field and the fix. */
export function definitionProblems(def: ServiceDefinition): DefinitionError[] {
  const service = typeof def.name === "string" && def.name !== "" ? def.name : "<unnamed>";
  const errors: DefinitionError[] = [];
  const fail = (field: string, problem: string, fix: string) =>
    errors.push(new DefinitionError(service, field, problem, fix));

  if (!DNS1123_LABEL.test(def.name ?? "") || def.name.length > 53) {
    fail("name", `"${def.name}" is not a valid chart name`, "use lowercase letters, digits and '-', at most 53 characters, starting and ending with a letter or digit (DNS-1123 label)");
  }
  if (!def.description?.trim()) fail("description", "is empty", "describe the service in one sentence");
  if (!/^https?:\/\//.test(def.home ?? "")) fail("home", `"${def.home ?? ""}" is not an http(s) URL`, "set the project's homepage URL");

  const controllers = def.controllers ?? {};
  if (!controllers.main) fail("controllers.main", "is missing", "declare the service's main workload as `controllers.main`");
  for (const [id, c] of Object.entries(controllers)) checkController(id, c, fail);

  const services = def.services ?? {};
  // Container port names must be unique per controller across all its services.
  const portsByController = new Map<string, Map<string, string>>();
  for (const [sid, s] of Object.entries(services)) {
    const field = `services.${sid}`;
    checkId(field, sid, fail);
    const controller = s.controller ?? "main";
    if (!controllers[controller]) {
      fail(`${field}.controller`, `names controller "${controller}", which is not declared`, `use one of: ${Object.keys(controllers).join(", ")}`);
    }
    const names = portsByController.get(controller) ?? new Map<string, string>();
    portsByController.set(controller, names);
    const seen = new Set<string>();
    if (Object.keys(s.ports ?? {}).length === 0) fail(`${field}.ports`, "is empty", "declare at least one port");
    for (const [pname, p] of Object.entries(s.ports ?? {})) {
      const pfield = `${field}.ports.${pname}`;
      if (!PORT_NAME.test(pname) || pname.length > 15 || !/[a-z]/.test(pname)) {
        fail(pfield, `"${pname}" is not a valid port name`, "use at most 15 lowercase letters, digits and '-', with at least one letter");
      }
      const other = names.get(pname);
      if (other !== undefined) {
        fail(pfield, `duplicate port name "${pname}" (also in ${other}) on controller "${controller}"`, "give every port of a controller its own name");
      }
      names.set(pname, pfield);
      for (const [key, value] of [["port", p.port], ["targetPort", p.targetPort]] as const) {
        if (value === undefined && key === "targetPort") continue;
        if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > 65535) {
          fail(`${pfield}.${key}`, `${String(value)} is out of range`, "use a port number from 1 to 65535");
        }
      }
      const key = `${p.port}/${p.protocol ?? "TCP"}`;
      if (seen.has(key)) fail(pfield, `duplicate port ${key} in service "${sid}"`, "remove the duplicate or change its port or protocol");
      seen.add(key);
    }
  }

  for (const [cid, c] of Object.entries(controllers)) {
    const ports = portsByController.get(cid) ?? new Map<string, string>();
    for (const [kind, probe] of Object.entries(c.probes ?? {})) {
      if (probe) checkProbe(`controllers.${cid}.probes.${kind}`, probe, ports, fail);
    }
  }

  for (const [iid, ing] of Object.entries(def.ingress ?? {})) {
    const field = `ingress.${iid}`;
    checkId(field, iid, fail);
    const target = services[ing.service ?? "main"];
    if (!target) {
      fail(`${field}.service`, `names service "${ing.service ?? "main"}", which is not declared`, `declare it under \`services\` or use one of: ${Object.keys(services).join(", ") || "(none declared)"}`);
    } else if (!target.ports?.[ing.port]) {
      fail(`${field}.port`, `service "${ing.service ?? "main"}" has no port named "${ing.port}"`, `use one of: ${Object.keys(target.ports ?? {}).join(", ")}`);
    }
    if (ing.host !== undefined && !/^(\*\.)?[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(ing.host)) {
      fail(`${field}.host`, `"${ing.host}" is not a valid host name`, "use a lowercase DNS name such as jellyfin.home.arpa");
    }
  }

  const configMaps = def.configMaps ?? {};
  for (const [cmid, data] of Object.entries(configMaps)) {
    checkId(`configMaps.${cmid}`, cmid, fail);
    for (const file of Object.keys(data)) {
      if (!/^[-._a-zA-Z0-9]+$/.test(file)) fail(`configMaps.${cmid}.${file}`, `"${file}" is not a valid ConfigMap key`, "use letters, digits, '-', '_' and '.'");
    }
  }

  const mountsByController = new Map<string, Map<string, string>>();
  for (const [vid, v] of Object.entries(def.persistence ?? {})) {
    const field = `persistence.${vid}`;
    checkId(field, vid, fail);
    const controller = v.controller ?? "main";
    if (!controllers[controller]) {
      fail(`${field}.controller`, `mounts into controller "${controller}", which is not declared`, `use one of: ${Object.keys(controllers).join(", ")}`);
    }
    if (!v.mountPath?.startsWith("/")) fail(`${field}.mountPath`, `"${v.mountPath ?? ""}" is not an absolute path`, "use an absolute path such as /config");
    const mounts = mountsByController.get(controller) ?? new Map<string, string>();
    mountsByController.set(controller, mounts);
    const other = mounts.get(v.mountPath);
    if (other) fail(`${field}.mountPath`, `"${v.mountPath}" is already mounted by ${other}`, "give each volume of a controller its own mount path");
    mounts.set(v.mountPath, field);
    if (v.type === "persistentVolumeClaim" && !QUANTITY.test(v.size ?? "")) {
      fail(`${field}.size`, `"${v.size ?? ""}" is not a Kubernetes quantity`, "use a size such as 1Gi or 500Mi");
    }
    if (v.type === "emptyDir" && v.sizeLimit !== undefined && !QUANTITY.test(v.sizeLimit)) {
      fail(`${field}.sizeLimit`, `"${v.sizeLimit}" is not a Kubernetes quantity`, "use a size such as 256Mi");
    }
    if (v.type === "configMap" && !configMaps[v.configMap]) {
      fail(`${field}.configMap`, `mounts ConfigMap "${v.configMap}", which is not declared`, `declare it under \`configMaps.${v.configMap}\``);
    }
    if (!["persistentVolumeClaim", "emptyDir", "configMap"].includes(v.type)) {
      fail(`${field}.type`, `"${String((v as { type: unknown }).type)}" is not a volume type`, "use persistentVolumeClaim, emptyDir or configMap");
    }
  }

  const secrets = def.secrets ?? {};
  for (const [sid, s] of Object.entries(secrets)) {
    checkId(`secrets.${sid}`, sid, fail);
    for (const [key, g] of Object.entries(s.generate ?? {})) {
      if (!/^[-._a-zA-Z0-9]+$/.test(key)) fail(`secrets.${sid}.generate.${key}`, `"${key}" is not a valid Secret key`, "use letters, digits, '-', '_' and '.'");
      if (!Number.isInteger(g.length) || g.length < 16 || g.length > 256) {
        fail(`secrets.${sid}.generate.${key}.length`, `${g.length} is out of range`, "use a length from 16 to 256");
      }
    }
  }
  for (const [cid, c] of Object.entries(controllers)) {
    for (const [name, ref] of Object.entries(c.secretEnv ?? {})) {
      const field = `controllers.${cid}.secretEnv.${name}`;
      if (!secrets[ref.secret]) fail(field, `reads secret "${ref.secret}", which is not declared`, `declare it under \`secrets.${ref.secret}\``);
      else if (!secrets[ref.secret]!.generate[ref.key]) fail(field, `secret "${ref.secret}" has no key "${ref.key}"`, `use one of: ${Object.keys(secrets[ref.secret]!.generate).join(", ")}`);
    }
  }
  return errors;
}

type Fail = (field: string, problem: string, fix: string) => void;

function checkId(field: string, id: string, fail: Fail): void {
  if (!DNS1123_LABEL.test(id) || id.length > 20) {
    fail(field, `"${id}" is not a valid id`, "use at most 20 lowercase letters, digits and '-' (it becomes part of object names)");
  }
}

function checkController(id: string, c: ControllerDefinition, fail: Fail): void {
  const field = `controllers.${id}`;
  checkId(field, id, fail);
  if (c.type !== undefined && c.type !== "deployment" && c.type !== "statefulset") {
    fail(`${field}.type`, `"${String(c.type)}" is not a workload kind`, "use deployment or statefulset");
  }
  const image = c.image;
  if (!image?.repository) fail(`${field}.image.repository`, "is missing", "set the image repository, e.g. docker.io/jellyfin/jellyfin");
  if (!image?.tag) {
    fail(`${field}.image.tag`, "is missing", "pin the image to a released tag, e.g. 10.10.7");
  } else if (image.tag === "latest" || !TAG.test(image.tag)) {
    fail(`${field}.image.tag`, `"${image.tag}" is not a pinned tag`, "use a released version tag, never latest");
  }
  if (image?.digest !== undefined && !DIGEST.test(image.digest)) {
    fail(`${field}.image.digest`, `"${image.digest}" is not a sha256 digest`, "use sha256:<64 lowercase hex digits> or leave it out");
  }
  for (const name of Object.keys(c.env ?? {})) {
    if (!ENV_NAME.test(name)) fail(`${field}.env.${name}`, `"${name}" is not a valid environment variable name`, "use letters, digits, '_', '-' and '.', not starting with a digit");
  }
  for (const [key, ex] of [["runAsRoot", c.runAsRoot], ["writableRootFilesystem", c.writableRootFilesystem], ["capabilities", c.capabilities], ["hostNetwork", c.hostNetwork]] as const) {
    if (ex !== undefined && !ex.reason?.trim()) fail(`${field}.${key}.reason`, "is empty", "say why the service needs this exception; it is shown in the chart's README");
  }
  for (const cap of c.capabilities?.add ?? []) {
    if (!CAPABILITY.test(cap) || cap.startsWith("CAP_")) fail(`${field}.capabilities.add`, `"${cap}" is not a capability name`, "use the name without CAP_, e.g. NET_BIND_SERVICE");
  }
  for (const [kind, list] of [["requests", c.resources?.requests], ["limits", c.resources?.limits]] as const) {
    for (const [res, q] of Object.entries(list ?? {})) {
      if (q !== undefined && !QUANTITY.test(q)) fail(`${field}.resources.${kind}.${res}`, `"${q}" is not a Kubernetes quantity`, "use a quantity such as 100m or 256Mi");
    }
  }
  for (const [key, value] of [["user", c.runAs?.user], ["group", c.runAs?.group], ["fsGroup", c.runAs?.fsGroup]] as const) {
    if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
      fail(`${field}.runAs.${key}`, `${value} is not a non-root id`, "use a positive integer, or declare runAsRoot with a reason");
    }
  }
}

function checkProbe(field: string, probe: ProbeDefinition, ports: Map<string, string>, fail: Fail): void {
  if (probe.type === "exec") {
    if (!probe.command?.length) fail(`${field}.command`, "is empty", "give the command to run");
    return;
  }
  if (typeof probe.port === "string" && !ports.has(probe.port)) {
    fail(`${field}.port`, `names port "${probe.port}", which no service of this controller declares`, `use one of: ${[...ports.keys()].join(", ") || "(no ports declared)"} or a number`);
  }
  if (typeof probe.port === "number" && (!Number.isInteger(probe.port) || probe.port < 1 || probe.port > 65535)) {
    fail(`${field}.port`, `${probe.port} is out of range`, "use a port number from 1 to 65535");
  }
  if (probe.type === "http" && !probe.path?.startsWith("/")) fail(`${field}.path`, `"${probe.path ?? ""}" is not an absolute path`, "use a path such as /health");
}
