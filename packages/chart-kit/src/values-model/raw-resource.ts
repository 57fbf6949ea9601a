/** `rawResources.<id>`: any Kubernetes object, as given. */
import { Type, type Static } from "typebox";
import { closed, enabled, idMap, metadataFields, open } from "./schema-builders.ts";

export const rawResourceSchema = Type.Object(
  {
    enabled: Type.Optional(enabled("this object")),
    apiVersion: Type.String({
      minLength: 1,
      description: "The object's apiVersion. Default: none (required).",
    }),
    kind: Type.String({ minLength: 1, description: "The object's kind. Default: none (required)." }),
    nameOverride: Type.Optional(
      Type.String({ description: "The object's name (tpl). Default: the component name." }),
    ),
    ...metadataFields("object"),
    spec: Type.Optional(
      open("The object's top-level fields besides apiVersion, kind and metadata (tpl). Default: {}."),
    ),
  },
  { ...closed, description: "Any Kubernetes object. Default: none." },
);
export type RawResource = Static<typeof rawResourceSchema>;

export const rawResourcesSchema = idMap(rawResourceSchema, "Any Kubernetes objects by id. Default: {}.");
export type RawResources = Static<typeof rawResourcesSchema>;
