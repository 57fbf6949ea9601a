import type { TSchema } from "typebox";
import { Settings } from "typebox/system";
import { Value } from "typebox/value";

/** One problem in the config: where (`services.jellyfin.namespace`), what is wrong and what to do. */
export interface ConfigViolation {
  path: (string | number)[];
  problem: string;
  fix: string;
}

/** The JSON-schema keywords this module reads from a schema node. */
interface SchemaNode {
  type?: string;
  properties?: Record<string, SchemaNode>;
  enum?: unknown[];
  examples?: unknown[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
}

/** Most problems reported for one file; a config with more has bigger trouble than a list can show. */
const MAX_ERRORS = 200;

/**
 * Validates `value` with TypeBox against `schema` and turns each error into a violation
 * whose fix says what to write: the allowed keys, the expected type, an example of the
 * pattern, the missing key to add.
 */
export function validateConfig(value: unknown, schema: TSchema): ConfigViolation[] {
  const saved = Settings.Get().maxErrors;
  Settings.Set({ maxErrors: MAX_ERRORS });
  let errors;
  try {
    errors = Value.Errors(schema, value);
  } finally {
    Settings.Set({ maxErrors: saved });
  }
  const out: ConfigViolation[] = [];
  for (const e of errors) {
    const path = pointerPath(e.instancePath, value);
    const node = schemaAt(schema, e.schemaPath);
    const actual = valueAt(value, path);
    const params = e.params as Record<string, unknown>;
    switch (e.keyword) {
      case "additionalProperties": {
        const allowed = Object.keys(node?.properties ?? {});
        for (const key of params.additionalProperties as string[]) {
          out.push({
            path: [...path, key],
            problem: `unknown key "${key}"`,
            fix: allowed.length ? `use one of: ${allowed.join(", ")}` : "remove it",
          });
        }
        break;
      }
      case "required":
        for (const key of params.requiredProperties as string[]) {
          out.push({
            path: [...path, key],
            problem: "is missing",
            fix: `add ${key}${hint(node?.properties?.[key])}`,
          });
        }
        break;
      case "type":
        out.push({
          path,
          problem: `is ${describe(actual)}, expected ${params.type as string}`,
          fix: `write ${article(params.type as string)}${hint(node, false)}`,
        });
        break;
      case "enum":
        out.push({
          path,
          problem: `is ${describe(actual)}, not one of ${listOf(params.allowedValues as unknown[])}`,
          fix: `use one of ${listOf(params.allowedValues as unknown[])}`,
        });
        break;
      case "pattern":
        out.push({
          path,
          problem: `${JSON.stringify(actual)} does not have the expected form (${params.pattern as string})`,
          fix: node?.examples?.length
            ? `write it like ${node.examples.map(String).join(" or ")}`
            : `match ${params.pattern as string}`,
        });
        break;
      case "minLength":
        out.push({ path, problem: "is empty", fix: `give a value${hint(node, false)}` });
        break;
      case "maxLength":
        out.push({
          path,
          problem: `is longer than ${params.limit as number} characters`,
          fix: `shorten it to at most ${params.limit as number}`,
        });
        break;
      case "minimum":
      case "maximum":
        out.push({
          path,
          problem: `${String(actual)} is ${e.keyword === "minimum" ? "below" : "above"} ${params.limit as number}`,
          fix: `use a whole number from ${node?.minimum ?? "-"} to ${node?.maximum ?? "-"}`,
        });
        break;
      case "boolean":
        // `schema is false` under additionalProperties: reported with the allowed keys above.
        break;
      default:
        out.push({ path, problem: e.message, fix: `correct it${hint(node)}` });
    }
  }
  return out;
}

/** ` (e.g. x)` from a schema node's examples or enum, or ``. */
function hint(node: SchemaNode | undefined, withType = true): string {
  if (node?.enum) return `: one of ${listOf(node.enum)}`;
  const example = node?.examples?.[0];
  const type = withType && node?.type ? `${article(node.type)}` : "";
  if (example !== undefined) return ` (${type ? `${type}, ` : ""}e.g. ${String(example)})`;
  return type ? ` (${type})` : "";
}

const ARTICLES: Record<string, string> = {
  string: "a string",
  boolean: "true or false",
  integer: "a whole number",
  number: "a number",
  object: "a mapping (key: value)",
  array: "a list",
};
const article = (type: string) => ARTICLES[type] ?? type;

const listOf = (values: readonly unknown[]) => values.map((v) => JSON.stringify(v)).join(", ");

function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  if (typeof v === "string") return `the string ${JSON.stringify(v)}`;
  return `${Number.isInteger(v) ? "integer" : typeof v} ${JSON.stringify(v)}`;
}

/** `/services/jellyfin/0` -> ["services", "jellyfin", 0] (numbers where the value is a list). */
function pointerPath(pointer: string, root: unknown): (string | number)[] {
  const path: (string | number)[] = [];
  let at = root;
  for (const raw of pointer.split("/").slice(1)) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    const step = Array.isArray(at) ? Number(key) : key;
    path.push(step);
    at = at !== null && typeof at === "object" ? (at as Record<string | number, unknown>)[step] : undefined;
  }
  return path;
}

function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let at = root;
  for (const step of path)
    at = at !== null && typeof at === "object" ? (at as Record<string | number, unknown>)[step] : undefined;
  return at;
}

/** The schema node a TypeBox error's schemaPath (`#/properties/k3s/properties/version`) points at. */
function schemaAt(schema: TSchema, schemaPath: string): SchemaNode | undefined {
  let at: unknown = schema;
  for (const raw of schemaPath.replace(/^#/, "").split("/").slice(1)) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    at = at !== null && typeof at === "object" ? (at as Record<string, unknown>)[key] : undefined;
  }
  return at as SchemaNode | undefined;
}
