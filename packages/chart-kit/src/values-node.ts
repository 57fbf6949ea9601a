/**
 * A documented values tree: one node per key of `values.yaml`, carrying its
 * default, its comment and its JSON schema. `values.yaml`, `values.schema.json`
 * and the README's values table are all written from the same tree, so they
 * cannot disagree.
 */

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface JsonSchema {
  type?: string | string[];
  description?: string;
  enum?: Json[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  required?: string[];
  not?: JsonSchema;
}

export interface LeafNode {
  kind: "leaf";
  doc: string;
  value: Json;
  schema: JsonSchema;
}

export interface ObjectNode {
  kind: "object";
  doc: string;
  children: Record<string, ValueNode>;
}

export type ValueNode = LeafNode | ObjectNode;

interface Constraints {
  enum?: readonly string[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
}

export const str = (value: string, doc: string, c: Constraints = {}): LeafNode => ({
  kind: "leaf",
  doc,
  value,
  schema: {
    type: "string",
    ...(c.enum ? { enum: [...c.enum] } : {}),
    ...(c.pattern ? { pattern: c.pattern } : {}),
  },
});

export const int = (value: number, doc: string, c: Constraints = {}): LeafNode => ({
  kind: "leaf",
  doc,
  value,
  schema: {
    type: "integer",
    ...(c.minimum !== undefined ? { minimum: c.minimum } : {}),
    ...(c.maximum !== undefined ? { maximum: c.maximum } : {}),
  },
});

export const bool = (value: boolean, doc: string): LeafNode => ({ kind: "leaf", doc, value, schema: { type: "boolean" } });

/** A leaf of any shape with an explicit schema (lists, free-form maps, unions). */
export const leaf = (value: Json, doc: string, schema: JsonSchema): LeafNode => ({ kind: "leaf", doc, value, schema });

export const obj = (doc: string, children: Record<string, ValueNode | undefined>): ObjectNode => ({
  kind: "object",
  doc,
  children: Object.fromEntries(Object.entries(children).filter((e): e is [string, ValueNode] => e[1] !== undefined)),
});

/** The plain values a node stands for. */
export function toValue(node: ValueNode): Json {
  if (node.kind === "leaf") return node.value;
  const out: Record<string, Json> = {};
  for (const [key, child] of Object.entries(node.children)) out[key] = toValue(child);
  return out;
}

/** Every key path with its node, depth first in declaration order. */
export function* walk(node: ValueNode, path: string[] = []): Generator<[string[], ValueNode]> {
  if (path.length > 0) yield [path, node];
  if (node.kind === "object") {
    for (const [key, child] of Object.entries(node.children)) yield* walk(child, [...path, key]);
  }
}
