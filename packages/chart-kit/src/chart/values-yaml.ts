import YAML from "yaml";
import type { SchemaNode } from "../values-model/schema-walk.ts";
import { schemaOfItems, schemaOfKey } from "../values-model/schema-walk.ts";

/**
 * `values.yaml` text: the chart's values with keys sorted, each key preceded by
 * its `# --` comment from the values model (helm-docs style), and `notes`
 * (e.g. an exception's reason) after the description of the keys they name.
 */
export function renderValuesYaml(
  values: Record<string, unknown>,
  schema: SchemaNode,
  header: string,
  notes: ReadonlyMap<string, string[]> = new Map(),
): string {
  // No anchors: a definition may use one object in two places, and values.yaml spells each out.
  const doc = new YAML.Document(values, { sortMapEntries: true, aliasDuplicateObjects: false });
  attachComments(doc.contents, schema, [], notes);
  doc.commentBefore = header;
  return doc.toString({ lineWidth: 0, indentSeq: true });
}

function attachComments(
  node: unknown,
  schema: SchemaNode | undefined,
  path: string[],
  notes: ReadonlyMap<string, string[]>,
): void {
  if (YAML.isSeq(node)) {
    for (const item of node.items) attachComments(item, schemaOfItems(schema), path, notes);
    return;
  }
  if (!YAML.isMap(node)) return;
  for (const pair of node.items) {
    if (!YAML.isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    const child = schemaOfKey(schema, key);
    const here = [...path, key];
    const lines = [
      ...(child?.description && !child.description.startsWith("Any value")
        ? [` -- ${child.description}`]
        : []),
      ...(notes.get(here.join(".")) ?? []).map((n) => ` ${n}`),
    ];
    if (lines.length) pair.key.commentBefore = lines.join("\n");
    attachComments(pair.value, child, here, notes);
  }
}
