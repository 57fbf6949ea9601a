import YAML from "yaml";
import type { ObjectNode, ValueNode } from "./values-node.ts";
import { toValue } from "./values-node.ts";

/** `values.yaml` text: every key preceded by its `# --` comment (helm-docs style). */
export function renderValuesYaml(root: ObjectNode, header: string): string {
  const doc = new YAML.Document(toValue(root));
  attachComments(doc.contents, root);
  doc.commentBefore = header;
  return doc.toString({ lineWidth: 0, indentSeq: true });
}

function attachComments(node: unknown, spec: ValueNode): void {
  if (spec.kind !== "object" || !YAML.isMap(node)) return;
  for (const pair of node.items) {
    if (!YAML.isScalar(pair.key)) continue;
    const child = spec.children[String(pair.key.value)];
    if (!child) continue;
    if (child.doc) pair.key.commentBefore = ` -- ${child.doc}`;
    attachComments(pair.value, child);
  }
}
