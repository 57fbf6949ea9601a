/**
 * Build-time checks of a service definition: its metadata, its values against
 * the values model (the same schema helm checks installers' values with), the
 * references between values (mounts, services, ports, secrets) and its
 * exceptions. Every problem names the service, the key path and the fix.
 */
import { Compile } from "typebox/compile";
import { Value } from "typebox/value";
import type { ExceptionDefinition, ServiceDefinition } from "./definition.ts";
import { DefinitionError, DefinitionErrors } from "./errors.ts";
import { covers, exceptionPlace, findDepartures } from "./exceptions.ts";
import { chartValuesSchema } from "./values-model/index.ts";

type Obj = Record<string, unknown>;
type Problem = [field: string, problem: string, fix: string];

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const enabledEntries = (v: unknown): [string, Obj][] =>
  isObj(v) ? Object.entries(v).filter((e): e is [string, Obj] => isObj(e[1]) && e[1].enabled !== false) : [];
const keysOf = (v: unknown) => new Set(enabledEntries(v).map(([k]) => k));
const list = (s: Set<string>) => (s.size ? [...s].sort().join(", ") : "(none)");

/** Every problem of a definition, as [field, problem, fix]; empty when it builds. */
export function definitionProblems(def: ServiceDefinition): Problem[] {
  const problems: Problem[] = [];
  if (!DNS_LABEL.test(def.name) || def.name.length > 53) {
    problems.push([
      "name",
      `"${def.name}" is not a DNS-1123 label of at most 53 characters`,
      "use lowercase letters, digits and dashes, e.g. jellyfin",
    ]);
  }
  if (!def.description?.trim())
    problems.push(["description", "is empty", "describe the service in one sentence"]);
  if (!def.home?.trim()) problems.push(["home", "is empty", "give the project's homepage URL"]);
  const values = (def.values ?? {}) as Obj;
  problems.push(...schemaProblems(values));
  if (problems.some(([f]) => f.startsWith("values"))) return problems;
  problems.push(...mainImageProblems(values));
  problems.push(...referenceProblems(values));
  problems.push(...exceptionProblems(def.exceptions ?? [], values));
  return problems;
}

/** Throws DefinitionErrors with every problem of the definition. */
export function validateDefinition(def: ServiceDefinition): void {
  const problems = definitionProblems(def);
  if (problems.length) {
    throw new DefinitionErrors(
      problems.map(([f, p, x]) => new DefinitionError(def.name || "(unnamed)", f, p, x)),
    );
  }
}

const pathOf = (instancePath: string) =>
  [
    "values",
    ...instancePath
      .split("/")
      .filter(Boolean)
      .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~")),
  ].join(".");

/** The values model compiled once: a fast yes/no before the slower walk that names each problem. */
let fits: ((values: unknown) => boolean) | undefined;

function schemaProblems(values: Obj): Problem[] {
  if (!fits) {
    const validator = Compile(chartValuesSchema);
    fits = (v) => validator.Check(v);
  }
  if (fits(values)) return [];
  const out: Problem[] = [];
  const seen = new Set<string>();
  for (const e of Value.Errors(chartValuesSchema, values)) {
    if (e.keyword === "boolean" || e.keyword === "anyOf") continue;
    const params = e.params as Record<string, unknown>;
    let field = pathOf(e.instancePath);
    let problem = e.message;
    let fix = "correct the value to match the values model (packages/chart-kit/library/VALUES.md)";
    if (e.keyword === "additionalProperties") {
      const extra = (params.additionalProperties as string[]) ?? [];
      field = `${field}.${extra.join(", ")}`;
      problem = "is not a key the values model knows";
      fix = "check its spelling against packages/chart-kit/library/VALUES.md";
    } else if (e.keyword === "required") {
      const missing = (params.requiredProperties as string[] | undefined) ?? [
        String(params.missingProperty ?? ""),
      ];
      field = `${field}.${missing.join(", ")}`;
      problem = "is required";
      fix = "add it";
    } else if (e.keyword === "type") {
      fix = `use a value of type ${String(params.type)}`;
    } else if (e.keyword === "enum" || e.keyword === "const") {
      fix = `use one of: ${JSON.stringify(params.allowedValues ?? params.allowedValue ?? params)}`;
    } else if (e.keyword === "pattern") {
      fix = `match the pattern ${String(params.pattern)}`;
    }
    const key = `${field}|${problem}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push([field, problem, fix]);
  }
  return out;
}

function mainImageProblems(values: Obj): Problem[] {
  const main = isObj(values.controllers) ? values.controllers.main : undefined;
  const container = isObj(main) && isObj(main.containers) ? main.containers.main : undefined;
  if (!isObj(container)) {
    return [
      [
        "values.controllers.main.containers.main",
        "is missing",
        "define the service's main container: its image tag is the chart's appVersion",
      ],
    ];
  }
  const out: Problem[] = [];
  for (const [cid, c] of enabledEntries(values.controllers)) {
    for (const group of ["initContainers", "containers"] as const) {
      for (const [id, k] of enabledEntries(c[group])) {
        const image = isObj(k.image) ? k.image : {};
        const tag = String(image.tag ?? "");
        if (!tag || tag === "latest") {
          out.push([
            `values.controllers.${cid}.${group}.${id}.image.tag`,
            `"${tag}" is not a pinned tag`,
            "pin a released version, e.g. 1.2.3",
          ]);
        }
      }
    }
  }
  return out;
}

/** Mounts, services, ports, routes and secret references that point at nothing, and invalid combinations. */
function referenceProblems(values: Obj): Problem[] {
  const out: Problem[] = [];
  const controllers = enabledEntries(values.controllers);
  const controllerIds = keysOf(values.controllers);
  const secretIds = keysOf(values.secrets);
  const configMapIds = keysOf(values.configMaps);
  for (const [cid, c] of controllers) {
    const at = `values.controllers.${cid}`;
    const type = String(c.type ?? "deployment");
    if (type === "cronjob" && !(isObj(c.cronjob) && c.cronjob.schedule)) {
      out.push([`${at}.cronjob.schedule`, "is missing", 'give a cron schedule, e.g. "*/5 * * * *"']);
    }
    if (!enabledEntries(c.containers).length)
      out.push([`${at}.containers`, "has no enabled container", "add one"]);
    const templates =
      isObj(c.statefulset) && Array.isArray(c.statefulset.volumeClaimTemplates)
        ? c.statefulset.volumeClaimTemplates
        : [];
    templates.forEach((t, i) => {
      const name = isObj(t) ? String(t.name ?? "") : "";
      if (name && isObj(values.persistence) && name in values.persistence) {
        out.push([
          `${at}.statefulset.volumeClaimTemplates[${i}].name`,
          `"${name}" is also a persistence id`,
          "give the claim template a name of its own",
        ]);
      }
    });
    const portNames = new Map<string, string>();
    for (const group of ["initContainers", "containers"] as const) {
      for (const [id, k] of enabledEntries(c[group])) {
        const kat = `${at}.${group}.${id}`;
        if (group === "containers" && k.restartPolicy !== undefined) {
          out.push([
            `${kat}.restartPolicy`,
            "is set on a regular container",
            "move the container to initContainers to make it a native sidecar (restartPolicy: Always)",
          ]);
        }
        for (const p of Array.isArray(k.ports) ? k.ports : []) {
          const name = isObj(p) ? String(p.name ?? "") : "";
          if (!name) continue;
          if (portNames.has(name)) {
            out.push([
              `${kat}.ports`,
              `port name "${name}" is also claimed by ${portNames.get(name)}`,
              "give each port of a pod its own name",
            ]);
          }
          portNames.set(name, `${group}.${id}`);
        }
        out.push(...envProblems(k, kat, secretIds, configMapIds));
      }
    }
  }
  const servicePorts = new Map<string, Set<string>>();
  for (const [sid, s] of enabledEntries(values.service)) {
    const target = String(s.controller ?? "main");
    if (s.type !== "ExternalName" && !controllerIds.has(target)) {
      out.push([
        `values.service.${sid}.controller`,
        `"${target}" is not a controller`,
        `use one of: ${list(controllerIds)}`,
      ]);
    }
    const ports = new Set<string>();
    for (const [name, p] of enabledEntries(s.ports)) ports.add(name).add(String(p.port));
    servicePorts.set(sid, ports);
  }
  out.push(...backendProblems(values, servicePorts));
  out.push(...persistenceProblems(values, controllers, secretIds, configMapIds));
  return out;
}

function envProblems(k: Obj, at: string, secrets: Set<string>, configMaps: Set<string>): Problem[] {
  const out: Problem[] = [];
  const refs: [string, unknown][] = [];
  for (const [name, v] of Object.entries(isObj(k.env) ? k.env : {})) {
    const from = isObj(v) && isObj(v.valueFrom) ? v.valueFrom : undefined;
    if (from) refs.push([`${at}.env.${name}.valueFrom`, from]);
  }
  (Array.isArray(k.envFrom) ? k.envFrom : []).forEach((v, i) => refs.push([`${at}.envFrom[${i}]`, v]));
  for (const [field, ref] of refs) {
    if (!isObj(ref)) continue;
    for (const [kind, ids] of [
      ["secretKeyRef", secrets],
      ["secretRef", secrets],
      ["configMapKeyRef", configMaps],
      ["configMapRef", configMaps],
    ] as const) {
      const r = ref[kind];
      if (isObj(r) && typeof r.identifier === "string" && !ids.has(r.identifier)) {
        out.push([
          `${field}.${kind}.identifier`,
          `"${r.identifier}" is not one of the chart's ${kind.startsWith("secret") ? "secrets" : "configMaps"}`,
          `use one of: ${list(ids)}, or name an existing object with \`name\``,
        ]);
      }
    }
  }
  return out;
}

function backendProblems(values: Obj, servicePorts: Map<string, Set<string>>): Problem[] {
  const out: Problem[] = [];
  const check = (field: string, identifier: unknown, port: unknown) => {
    if (typeof identifier !== "string") return;
    const ports = servicePorts.get(identifier);
    if (!ports) {
      out.push([
        field,
        `service "${identifier}" does not exist`,
        `use one of: ${list(new Set(servicePorts.keys()))}`,
      ]);
    } else if (port !== undefined && !ports.has(String(port))) {
      out.push([
        field,
        `service "${identifier}" has no port ${String(port)}`,
        `use one of: ${[...ports].sort().join(", ")}`,
      ]);
    }
  };
  for (const [iid, ing] of enabledEntries(values.ingress)) {
    (Array.isArray(ing.hosts) ? ing.hosts : []).forEach((h, i) => {
      (isObj(h) && Array.isArray(h.paths) ? h.paths : []).forEach((p, j) => {
        const svc = isObj(p) && isObj(p.service) ? p.service : {};
        check(`values.ingress.${iid}.hosts[${i}].paths[${j}].service`, svc.identifier, svc.port);
      });
    });
  }
  for (const [rid, route] of enabledEntries(values.route)) {
    (Array.isArray(route.rules) ? route.rules : []).forEach((r, i) => {
      (isObj(r) && Array.isArray(r.backendRefs) ? r.backendRefs : []).forEach((b, j) => {
        if (isObj(b)) check(`values.route.${rid}.rules[${i}].backendRefs[${j}]`, b.identifier, b.port);
      });
    });
  }
  return out;
}

function persistenceProblems(
  values: Obj,
  controllers: [string, Obj][],
  secrets: Set<string>,
  configMaps: Set<string>,
): Problem[] {
  const out: Problem[] = [];
  const containersOf = new Map(
    controllers.map(([cid, c]) => [cid, new Set([...keysOf(c.containers), ...keysOf(c.initContainers)])]),
  );
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
    if (type === "persistentVolumeClaim" && !v.existingClaim && !v.size) {
      out.push([`${at}.size`, "is missing", "give a size, e.g. 1Gi, or an existingClaim"]);
    }
    for (const [kind, ids] of [
      ["secret", secrets],
      ["configMap", configMaps],
    ] as const) {
      if (type === kind && typeof v.identifier === "string" && !ids.has(v.identifier)) {
        out.push([
          `${at}.identifier`,
          `"${v.identifier}" is not one of the chart's ${kind}s`,
          `use one of: ${list(ids)}, or name an existing ${kind} with \`name\``,
        ]);
      }
    }
    const advanced = isObj(v.advancedMounts) ? v.advancedMounts : {};
    for (const [cid, byContainer] of Object.entries(advanced)) {
      const known = containersOf.get(cid);
      if (!known) {
        out.push([
          `${at}.advancedMounts.${cid}`,
          `"${cid}" is not a controller`,
          `use one of: ${list(new Set(containersOf.keys()))}`,
        ]);
        continue;
      }
      for (const id of Object.keys(isObj(byContainer) ? byContainer : {})) {
        if (!known.has(id))
          out.push([
            `${at}.advancedMounts.${cid}.${id}`,
            `"${id}" is not a container of ${cid}`,
            `use one of: ${list(known)}`,
          ]);
      }
    }
  }
  return out;
}

function exceptionProblems(exceptions: readonly ExceptionDefinition[], values: Obj): Problem[] {
  const out: Problem[] = [];
  const departures = findDepartures(values);
  for (const d of departures) {
    if (exceptions.some((e) => covers(e, d))) continue;
    out.push([
      `values.${d.path}`,
      `departs from the secure defaults (${d.kind}) without a declared exception`,
      `declare it: exceptions: [{ kind: "${d.kind}", ${d.volume ? `volume: "${d.volume}"` : `controller: "${d.controller ?? "main"}"${d.container ? `, container: "${d.container}"` : ""}`}, reason: "why the service needs it" }]`,
    ]);
  }
  exceptions.forEach((e, i) => {
    if (!e.reason?.trim()) out.push([`exceptions[${i}].reason`, "is empty", "say why the service needs it"]);
    if (!departures.some((d) => covers(e, d))) {
      out.push([
        `exceptions[${i}]`,
        `${e.kind} at ${exceptionPlace(e)} is declared but the values do not use it`,
        "remove the exception, or correct where it applies",
      ]);
    }
  });
  return out;
}
