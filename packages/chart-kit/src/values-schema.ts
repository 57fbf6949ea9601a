import type { JsonSchema, ObjectNode, ValueNode } from "./values-node.ts";

/**
 * `values.schema.json`: closed objects for the keys the chart knows (a typo is
 * an error naming the key), the leaf schemas for their types.
 */
export function valuesSchema(root: ObjectNode, title: string): JsonSchema & { $schema: string; title: string } {
  return { $schema: "http://json-schema.org/draft-07/schema#", title, ...nodeSchema(root) };
}

function nodeSchema(node: ValueNode): JsonSchema {
  if (node.kind === "leaf") return withDoc(node.schema, node.doc);
  const properties: Record<string, JsonSchema> = {};
  for (const [key, child] of Object.entries(node.children)) properties[key] = nodeSchema(child);
  return withDoc({ type: "object", properties, additionalProperties: false }, node.doc);
}

function withDoc(schema: JsonSchema, doc: string): JsonSchema {
  return doc ? { description: doc, ...schema } : schema;
}
