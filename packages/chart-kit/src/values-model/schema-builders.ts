/**
 * The schema builders both halves of the values model (workloads.ts, networking.ts) share: closed
 * objects and maps, the open Kubernetes structures the library passes through, and the keys every
 * chart object has (enabled, annotations, labels). Each description they write ends with its
 * default, as every node's must.
 */
import { Type, type TSchema } from "typebox";

/** An id of a map of ids: it becomes part of object names (`<fullname>-<id>`). */
export const ID_PATTERN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
/** A port name: lowercase, digits and dashes, at most 15 characters (IANA service name). */
export const PORT_NAME_PATTERN = "^[a-z0-9]([-a-z0-9]{0,13}[a-z0-9])?$";

/** The options of an object or map that refuses keys it does not know. */
export const closed = { additionalProperties: false } as const;

/** A free-form Kubernetes object the library passes through unchanged. */
export const open = (description: string) =>
  Type.Record(Type.String(), Type.Unknown({ description: "Any value. Default: none." }), { description });

/** A list of free-form Kubernetes objects. */
export const openList = (description: string, item: string) =>
  Type.Array(open(`${item} Default: none.`), { description });

export const stringMap = (description: string) =>
  Type.Record(Type.String(), Type.String({ description: "A value. Default: none." }), { description });

export const stringList = (description: string, item: string) =>
  Type.Array(Type.String({ description: `${item} Default: none.` }), { description });

/** Whether an object is rendered; on unless `on` is false. */
export const enabled = (what: string, on = true) =>
  Type.Boolean({ description: `Whether ${what} is rendered. Default: ${String(on)}.`, default: on });

export const annotations = (what: string) =>
  stringMap(`Annotations of the ${what}; values pass through tpl. Default: {}.`);

export const labels = (what: string) =>
  stringMap(`Labels added to the ${what} (the chart's own labels cannot be replaced). Default: {}.`);

/** The annotations and labels of a rendered object, in that order. */
export const metadataFields = (what: string) => ({
  annotations: Type.Optional(annotations(what)),
  labels: Type.Optional(labels(what)),
});

/** A port by name or number. */
export const portRef = (description: string) =>
  Type.Union(
    [
      Type.Integer({ minimum: 1, maximum: 65535, description: "A port number. Default: none." }),
      Type.String({ minLength: 1, description: "A port name. Default: none." }),
    ],
    { description },
  );

/** A map whose keys match `pattern` (ids, names, data keys): other keys are refused. */
export const keyedMap = <T extends TSchema>(pattern: string, entry: T, description: string) =>
  Type.Record(Type.String({ pattern }), entry, { ...closed, description });

/** A map of ids to entries: new ids are welcome, each entry closed. */
export const idMap = <T extends TSchema>(entry: T, description: string) =>
  keyedMap(ID_PATTERN, entry, description);

/** An environment variable name. */
export const ENV_NAME_PATTERN = "^[-._a-zA-Z][-._a-zA-Z0-9]*$";
/** A key of a ConfigMap or Secret. */
export const DATA_KEY_PATTERN = "^[-._a-zA-Z0-9]+$";

export const count = (description: string) => Type.Integer({ minimum: 0, description });

/** A number or a percentage ("25%"). */
export const intOrPercent = (description: string) =>
  Type.Union(
    [
      Type.Integer({ minimum: 0, description: "A number. Default: none." }),
      Type.String({ pattern: "^[0-9]+%$", description: "A percentage, e.g. 25%. Default: none." }),
    ],
    { description },
  );

/** A command or argument list; a string is a one-item list. */
export const commandList = (description: string) =>
  Type.Union(
    [
      Type.String({ description: "One item. Default: none." }),
      stringList("The items. Default: none.", "An item."),
    ],
    { description },
  );

/** A Secret or ConfigMap a container reads: a chart object by id, or an existing one by name. */
export const reference = <E extends Record<string, TSchema>>(
  what: "secret" | "configMap",
  extra: E = {} as E,
) =>
  Type.Object(
    {
      identifier: Type.Optional(
        Type.String({ description: `The id of a chart ${what} (under ${what}s). Default: none.` }),
      ),
      name: Type.Optional(
        Type.String({ description: `The name of an existing ${what} (tpl). Default: none.` }),
      ),
      ...extra,
      optional: Type.Optional(Type.Boolean({ description: "Start without it. Default: false." })),
    },
    { ...closed, description: `A ${what}: identifier (the chart's) or name (existing). Default: none.` },
  );
