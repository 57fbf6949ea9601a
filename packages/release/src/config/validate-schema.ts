import type { JsonSchema } from "@homelab/chart-kit";

/** One schema violation: the path (`services.jellyfin.namespace`), the problem and the fix. */
export interface SchemaViolation {
  path: (string | number)[];
  problem: string;
  fix: string;
}

const typeOf = (v: unknown): string =>
  v === null ? "null" : Array.isArray(v) ? "array" : Number.isInteger(v) ? "integer" : typeof v;

const accepts = (type: string, actual: string) => type === actual || (type === "number" && actual === "integer");

/** Validates `value` against the subset of JSON schema the project's schemas use. */
export function validateSchema(value: unknown, schema: JsonSchema, path: (string | number)[] = []): SchemaViolation[] {
  const out: SchemaViolation[] = [];
  const actual = typeOf(value);
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.length && !types.some((t) => accepts(t, actual))) {
    return [{ path, problem: `is ${describe(value)}, expected ${types.join(" or ")}`, fix: schema.description ? `set it to ${types.join(" or ")}: ${schema.description}` : `set it to ${types.join(" or ")}` }];
  }
  if (schema.enum && !schema.enum.includes(value as never)) {
    out.push({ path, problem: `is ${describe(value)}, not one of ${schema.enum.map((e) => JSON.stringify(e)).join(", ")}`, fix: `use one of ${schema.enum.map((e) => JSON.stringify(e)).join(", ")}` });
  }
  if (typeof value === "string") {
    if (schema.pattern && !new RegExp(schema.pattern).test(value)) out.push({ path, problem: `"${value}" is not valid`, fix: schema.description ?? `match ${schema.pattern}` });
    if (schema.minLength !== undefined && value.length < schema.minLength) out.push({ path, problem: "is empty", fix: schema.description ?? "give a value" });
  }
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) out.push({ path, problem: `${value} is below ${schema.minimum}`, fix: `use ${schema.minimum} to ${schema.maximum ?? "more"}` });
    if (schema.maximum !== undefined && value > schema.maximum) out.push({ path, problem: `${value} is above ${schema.maximum}`, fix: `use ${schema.minimum ?? "at most"} to ${schema.maximum}` });
  }
  if (Array.isArray(value) && schema.items) value.forEach((item, i) => out.push(...validateSchema(item, schema.items!, [...path, i])));
  if (actual === "object") {
    const record = value as Record<string, unknown>;
    for (const key of schema.required ?? []) {
      if (!(key in record)) out.push({ path: [...path, key], problem: "is required", fix: schema.properties?.[key]?.description ?? `add ${key}` });
    }
    for (const [key, child] of Object.entries(record)) {
      const known = schema.properties?.[key];
      if (known) out.push(...validateSchema(child, known, [...path, key]));
      else if (schema.additionalProperties === false) {
        const allowed = Object.keys(schema.properties ?? {});
        out.push({ path: [...path, key], problem: `unknown key "${key}"`, fix: allowed.length ? `use one of: ${allowed.join(", ")}` : "remove it" });
      } else if (typeof schema.additionalProperties === "object") out.push(...validateSchema(child, schema.additionalProperties, [...path, key]));
    }
  }
  return out;
}

function describe(v: unknown): string {
  const t = typeOf(v);
  return t === "string" ? `the string "${v as string}"` : t === "array" || t === "object" ? `an ${t}` : `${t} ${JSON.stringify(v)}`;
}
