/**
 * Test helpers of the values model, shared by workloads.test.ts and networking.test.ts: values
 * that set every key once, changed at one JSON pointer, with the instance paths of their errors;
 * and the checks every node of the model's schemas must pass.
 */
import type { TSchema } from "typebox";
import { Compile } from "typebox/compile";
import { describe, expect, it } from "vitest";

import type { SchemaNode } from "./schema-walk.ts";

type Tree = Record<string, unknown>;

/** The parent object of a JSON pointer's last segment in `tree`, and that segment. */
const parentOf = (tree: Tree, pointer: string): [Tree, string] => {
  const segments = pointer.split("/").slice(1);
  const last = segments.pop() ?? "";
  const parent = segments.reduce<Tree>((node, segment) => node[segment] as Tree, tree);
  return [parent, last];
};

/** `schema` compiled, and `full` (values that set every key once) changed at one JSON pointer. */
export function valuesFixture(schema: TSchema, full: object) {
  const check = Compile(schema);
  return {
    check,
    /** The instance paths of a value's errors, e.g. ["/controllers/main/replica"]. */
    errorPaths: (value: unknown): string[] => [...new Set(check.Errors(value).map((e) => e.instancePath))],
    /** A deep copy of `full` with `value` at `pointer` (e.g. "/controllers/main/type"). */
    withValue: (pointer: string, value: unknown): unknown => {
      const copy = structuredClone(full) as Tree;
      const [parent, key] = parentOf(copy, pointer);
      parent[key] = value;
      return copy;
    },
    /** A deep copy of `full` without the key at `pointer`. */
    without: (pointer: string): unknown => {
      const copy = structuredClone(full) as Tree;
      const [parent, key] = parentOf(copy, pointer);
      delete parent[key];
      return copy;
    },
  };
}

/** Every schema node below `schema` with its path; open maps' values and anyOf members included. */
function* nodes(schema: SchemaNode, path: string): Generator<[string, SchemaNode]> {
  yield [path, schema];
  for (const [key, child] of Object.entries(schema.properties ?? {})) yield* nodes(child, `${path}.${key}`);
  for (const child of Object.values(schema.patternProperties ?? {})) yield* nodes(child, `${path}.<key>`);
  if (schema.items) yield* nodes(schema.items, `${path}[]`);
  for (const [i, member] of (schema.anyOf ?? []).entries()) yield* nodes(member, `${path}|${i}`);
}

/** The paths of the nodes below `schema` that `bad` picks. */
const pathsWhere = (schema: TSchema, root: string, bad: (node: SchemaNode) => boolean): string[] =>
  [...nodes(schema as unknown as SchemaNode, root)].filter(([, node]) => bad(node)).map(([path]) => path);

/**
 * The documentation checks of a half of the values model: every node of `values` describes itself
 * and ends with its default, each of its `entries` closes its objects, and every map with a key
 * pattern is closed.
 */
export function describeSchemaDocumentation(
  title: string,
  values: TSchema,
  entries: Record<string, TSchema>,
): void {
  describe(title, () => {
    it("gives every node a description that ends with its default", () => {
      expect(
        pathsWhere(values, "values", (node) => !/Default: .+$/.test(String(node.description ?? ""))),
      ).toEqual([]);
    });

    it.each(Object.entries(entries))(
      "closes every object of %s except open Kubernetes structures",
      (_, entry) => {
        const loose = pathsWhere(
          entry,
          "entry",
          (node) =>
            node.type === "object" && node.properties !== undefined && node.additionalProperties !== false,
        );
        expect(loose).toEqual([]);
      },
    );

    it("closes every map with a key pattern (ids, names, data keys), so other keys are refused", () => {
      const maps = pathsWhere(
        values,
        "values",
        (node) =>
          Object.keys(node.patternProperties ?? {}).some((p) => p !== "^.*$") &&
          node.additionalProperties !== false,
      );
      expect(maps).toEqual([]);
    });
  });
}
