/** `configMaps.<id>` and `secrets.<id>`: files and keys for the containers. */
import { Type, type Static, type TSchema } from "typebox";
import { closed, DATA_KEY_PATTERN, enabled, keyedMap, metadataFields } from "./schema-builders.ts";

/** A map of ConfigMap or Secret keys to entries. */
const dataMap = <T extends TSchema>(entry: T, description: string) =>
  keyedMap(DATA_KEY_PATTERN, entry, description);

const templated = (what: string) =>
  Type.Boolean({
    description: `Pass ${what} through tpl; false for files with their own {{ }} templates. Default: true.`,
    default: true,
  });

export const configMapSchema = Type.Object(
  {
    enabled: Type.Optional(enabled("this ConfigMap")),
    ...metadataFields("ConfigMap"),
    templated: Type.Optional(templated("the data values")),
    data: Type.Optional(
      dataMap(Type.String({ description: "A file's content. Default: none." }), "Files by key. Default: {}."),
    ),
  },
  { ...closed, description: "A ConfigMap. Default: none." },
);
export type ConfigMap = Static<typeof configMapSchema>;

export const secretSchema = Type.Object(
  {
    enabled: Type.Optional(enabled("this Secret")),
    ...metadataFields("Secret"),
    templated: Type.Optional(templated("stringData")),
    stringData: Type.Optional(
      dataMap(Type.String({ description: "A value. Default: none." }), "Values by key (tpl). Default: {}."),
    ),
    generate: Type.Optional(
      dataMap(
        Type.Object(
          {
            length: Type.Optional(
              Type.Integer({
                minimum: 1,
                description: "Characters of the random value. Default: 32.",
                default: 32,
              }),
            ),
          },
          { ...closed, description: "A random alphanumeric value, made once. Default: none." },
        ),
        "Keys generated at install and kept across upgrades. Default: {}.",
      ),
    ),
    existingSecret: Type.Optional(
      Type.String({ description: 'Use this existing Secret (tpl) instead; none is rendered. Default: "".' }),
    ),
  },
  { ...closed, description: "A Secret: generated, given, or existing. Default: none." },
);
export type Secret = Static<typeof secretSchema>;
