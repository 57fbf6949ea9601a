/** Mounts: where a volume (a persistence entry or a claim template) appears in a container. */
import { Type, type Static } from "typebox";
import { closed } from "./schema-builders.ts";

export const mountSchema = Type.Object(
  {
    path: Type.String({
      minLength: 1,
      description: "The directory (or file) in the container. Default: none (required).",
    }),
    subPath: Type.Optional(
      Type.String({ description: "A path inside the volume to mount. Default: the whole volume." }),
    ),
    readOnly: Type.Optional(
      Type.Boolean({ description: "Mount read-only. Default: false.", default: false }),
    ),
    mountPropagation: Type.Optional(
      Type.Enum(["None", "HostToContainer", "Bidirectional"], {
        description: "How mounts propagate between host and container. Default: None.",
      }),
    ),
  },
  { ...closed, description: "Where a volume is mounted. Default: none." },
);
export type Mount = Static<typeof mountSchema>;

export const mountList = (description: string) => Type.Array(mountSchema, { description });
