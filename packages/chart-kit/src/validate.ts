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

import { valuesProblems } from "./validate/index.ts";
import { isObj, type Obj, type Problem } from "./validate/values-access.ts";

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

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
  const mainContainer = mainContainerProblems(values);
  problems.push(...(mainContainer.length ? mainContainer : valuesProblems(values)));
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
  ]
    .join(".")
    .replace(/\.(\d+)(?=\.|$)/g, "[$1]");

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

/** The service's main container: its image tag is the chart's appVersion. */
function mainContainerProblems(values: Obj): Problem[] {
  const main = isObj(values.controllers) ? values.controllers.main : undefined;
  const container = isObj(main) && isObj(main.containers) ? main.containers.main : undefined;
  if (isObj(container)) return [];
  return [
    [
      "values.controllers.main.containers.main",
      "is missing",
      "define the service's main container: its image tag is the chart's appVersion",
    ],
  ];
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
