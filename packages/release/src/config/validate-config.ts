import type { TSchema } from "typebox";
import { Settings } from "typebox/system";
import { Value } from "typebox/value";

/** One problem in the config: where (`services.jellyfin.namespace`), what is wrong and what to do. */
export interface ConfigViolation {
  path: (string | number)[];
  problem: string;
  fix: string;
  /** The problem is the key itself (unknown, or a name not allowed): its line is the key's. Default: the value's. */
  atKey?: boolean;
}

/** The JSON-schema keywords this module reads from a schema node. */
interface SchemaNode {
  type?: string;
  description?: string;
  propertyNames?: TSchema;
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
    if (e.schemaPath.endsWith("/propertyNames")) {
      out.push(nameViolation(path, e.keyword, params, node));
      continue;
    }
    switch (e.keyword) {
      case "additionalProperties": {
        // A key its map's propertyNames refuses is reported as a name (nameViolation), not here.
        const named = (key: string) => !node?.propertyNames || Value.Check(node.propertyNames, key);
        const allowed = Object.keys(node?.properties ?? {}).filter(named);
        for (const key of (params.additionalProperties as string[]).filter(named)) {
          out.push({
            path: [...path, key],
            problem: `unknown key "${key}"`,
            atKey: true,
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
          problem: `${withoutUserInfo(JSON.stringify(actual))} does not have the expected form (${params.pattern as string})`,
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
      case "propertyNames":
        // Each name is reported on its own above (its schemaPath ends in /propertyNames).
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

/** A URL's `user:password@` replaced by `***@`: a value quoted in a message never shows credentials. */
const withoutUserInfo = (text: string) => text.replace(/(\/\/)[^/\s@"]*@/g, "$1***@");

/** Longest part of a refused name quoted in a message: the rest is elided. */
const QUOTED_NAME_MAX = 80;

/** A key (the last element of `path`) that its map's `propertyNames` refuses: a pattern or a length. */
function nameViolation(
  path: (string | number)[],
  keyword: string,
  params: Record<string, unknown>,
  node: SchemaNode | undefined,
): ConfigViolation {
  const name = String(path.at(-1));
  const quoted = JSON.stringify(
    name.length > QUOTED_NAME_MAX ? `${name.slice(0, QUOTED_NAME_MAX)}...` : name,
  );
  const like = node?.examples?.length ? `, e.g. ${node.examples.map(String).join(" or ")}` : "";
  if (keyword === "maxLength")
    return {
      path,
      atKey: true,
      problem: `the name ${quoted} has ${name.length} characters, more than ${params.limit as number}`,
      fix: `shorten the name to at most ${params.limit as number} characters${like}`,
    };
  return {
    path,
    atKey: true,
    problem: `the name ${quoted} is not allowed here (${params.pattern as string})`,
    fix: `rename it: ${node?.description ?? `match ${params.pattern as string}`}${like}`,
  };
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
  if (typeof v === "string") return `the string ${withoutUserInfo(JSON.stringify(v))}`;
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
