/**
 * Checks of `service.<id>` and of the Ingress paths and route backends that
 * name a chart Service: the controller it selects, its ports, and the port a
 * reference resolves to.
 */
import {
  choices,
  enabledEntries,
  enabledIds,
  isObj,
  listOf,
  type Obj,
  type Problem,
  serviceControllerId,
} from "./values-access.ts";

export function serviceProblems(values: Obj): Problem[] {
  const out: Problem[] = [];
  const controllers = enabledIds(values.controllers);
  for (const [sid, s] of enabledEntries(values.service)) {
    const at = `values.service.${sid}`;
    if (s.type === "ExternalName") continue;
    const target = serviceControllerId(values, s);
    if (!controllers.has(target)) {
      out.push([
        `${at}.controller`,
        `"${target}" is not an enabled controller`,
        `set controller to one of: ${choices(controllers)} (without it: the only enabled controller, else main)`,
      ]);
    }
    if (!enabledEntries(s.ports).length && s.clusterIP !== "None") {
      out.push([`${at}.ports`, "has no enabled port", "add one, e.g. ports: { http: { port: 8080 } }"]);
    }
  }
  return out;
}

interface ServicePort {
  name: string;
  number: string;
  primary: boolean;
}

/** Ingress paths and route backends naming a chart Service: it is enabled and has the port (or one primary port). */
export function backendProblems(values: Obj): Problem[] {
  const out: Problem[] = [];
  const services = new Map<string, ServicePort[]>(
    enabledEntries(values.service).map(([sid, s]) => [
      sid,
      enabledEntries(s.ports).map(([name, p]) => ({
        name,
        number: String(p.port),
        primary: p.primary === true,
      })),
    ]),
  );
  const check = (field: string, identifier: unknown, port: unknown) => {
    if (typeof identifier !== "string" || !identifier) return;
    const ports = services.get(identifier);
    const listed = ports?.map((p) => `${p.name}=${p.number}`).join(", ") || "(none)";
    if (!ports) {
      out.push([field, `service "${identifier}" does not exist`, `use one of: ${choices(services.keys())}`]);
    } else if (port === undefined || port === null || port === "") {
      if (!ports.some((p) => p.primary) && ports.length !== 1) {
        out.push([
          field,
          `no port given and service "${identifier}" has no primary or single port`,
          `set port to one of: ${listed}`,
        ]);
      }
    } else if (!ports.some((p) => p.name === String(port) || p.number === String(port))) {
      out.push([field, `service "${identifier}" has no port ${String(port)}`, `use one of: ${listed}`]);
    }
  };
  for (const [iid, ingress] of enabledEntries(values.ingress)) {
    listOf(ingress.hosts).forEach((host, i) => {
      listOf(isObj(host) ? host.paths : undefined).forEach((path, j) => {
        const svc = isObj(path) && isObj(path.service) ? path.service : {};
        check(`values.ingress.${iid}.hosts[${i}].paths[${j}].service`, svc.identifier, svc.port);
      });
    });
  }
  for (const [rid, route] of enabledEntries(values.route)) {
    listOf(route.rules).forEach((rule, i) => {
      listOf(isObj(rule) ? rule.backendRefs : undefined).forEach((ref, j) => {
        if (isObj(ref)) check(`values.route.${rid}.rules[${i}].backendRefs[${j}]`, ref.identifier, ref.port);
      });
    });
  }
  return out;
}
