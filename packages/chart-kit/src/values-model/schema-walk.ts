/** Walking a JSON schema alongside values: the sub-schema of a key or an array item. */
export interface SchemaNode {
  type?: string | string[];
  description?: string;
  properties?: Record<string, SchemaNode>;
  patternProperties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  enum?: unknown[];
  const?: unknown;
  [key: string]: unknown;
}

/** The schema of `key` inside an object schema (properties, id maps, unions), if any. */
export function schemaOfKey(schema: SchemaNode | undefined, key: string): SchemaNode | undefined {
  if (!schema) return undefined;
  if (schema.properties?.[key]) return schema.properties[key];
  for (const [pattern, sub] of Object.entries(schema.patternProperties ?? {})) {
    if (new RegExp(pattern).test(key)) return sub;
  }
  if (typeof schema.additionalProperties === "object") return schema.additionalProperties;
  for (const member of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) {
    const found = schemaOfKey(member, key);
    if (found) return found;
  }
  return undefined;
}

/** The schema of an array's items (or of an array member of a union). */
export function schemaOfItems(schema: SchemaNode | undefined): SchemaNode | undefined {
  if (!schema) return undefined;
  if (schema.items) return schema.items;
  for (const member of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) {
    if (member.items) return member.items;
  }
  return undefined;
}

/** A short type name for tables: `string`, `integer`, `object`, `string or integer`. */
export function typeName(schema: SchemaNode | undefined, value: unknown): string {
  if (schema?.type) return Array.isArray(schema.type) ? schema.type.join(" or ") : schema.type;
  const members = [...(schema?.anyOf ?? []), ...(schema?.oneOf ?? [])];
  const names = [...new Set(members.map((m) => typeName(m, undefined)).filter((n) => n !== "any"))];
  if (names.length) return names.join(" or ");
  if (value === undefined) return "any";
  return Array.isArray(value) ? "array" : value === null ? "null" : typeof value;
}
