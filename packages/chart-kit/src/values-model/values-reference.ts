/**
 * The key reference of library/VALUES.md, generated from the values model: every key a chart's
 * values can hold, with its type and its description (which ends with its default). Id maps
 * show as `<id>`, list items as `[]`. `pnpm --filter @homelab/chart-kit values-doc` writes it;
 * values-reference.test.ts fails when VALUES.md holds another.
 */
import { chartValuesSchema } from "./index.ts";
import type { SchemaNode } from "./schema-walk.ts";
import { typeName } from "./schema-walk.ts";

export const REFERENCE_START = "<!-- values reference: generated from src/values-model, do not edit -->";
export const REFERENCE_END = "<!-- end of values reference -->";

interface Row {
  key: string;
  type: string;
  description: string;
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** The object members of a node: itself, or the object members of its union. */
const objectsOf = (node: SchemaNode): SchemaNode[] =>
  node.properties || node.patternProperties
    ? [node]
    : [...(node.anyOf ?? []), ...(node.oneOf ?? [])].flatMap(objectsOf);

function rowsOf(node: SchemaNode, path: string, rows: Row[]): void {
  if (path) rows.push({ key: path, type: typeName(node, undefined), description: node.description ?? "" });
  for (const object of objectsOf(node)) {
    for (const [key, sub] of Object.entries(object.properties ?? {}))
      rowsOf(sub, path ? `${path}.${key}` : key, rows);
    for (const sub of Object.values(object.patternProperties ?? {})) rowsOf(sub, `${path}.<id>`, rows);
  }
  const items = node.items ?? [...(node.anyOf ?? []), ...(node.oneOf ?? [])].find((m) => m.items)?.items;
  if (items && objectsOf(items).length) rowsOf(items, `${path}[]`, rows);
}

/** The generated block of VALUES.md, markers included. */
export function valuesReference(): string {
  const rows: Row[] = [];
  rowsOf(chartValuesSchema as unknown as SchemaNode, "", rows);
  const seen = new Set<string>();
  const table = rows
    .filter((r) => !seen.has(r.key) && seen.add(r.key))
    .map((r) => `| \`${cell(r.key)}\` | ${cell(r.type)} | ${cell(r.description)} |`);
  return [
    REFERENCE_START,
    "## Every key",
    "",
    "| key | type | description |",
    "| --- | --- | --- |",
    ...table,
    REFERENCE_END,
  ].join("\n");
}

/** VALUES.md with its generated block replaced (appended when it has none). */
export function withValuesReference(doc: string): string {
  const start = doc.indexOf(REFERENCE_START);
  const end = doc.indexOf(REFERENCE_END);
  if (start < 0 || end < 0) return `${doc.trimEnd()}\n\n${valuesReference()}\n`;
  return doc.slice(0, start) + valuesReference() + doc.slice(end + REFERENCE_END.length);
}
