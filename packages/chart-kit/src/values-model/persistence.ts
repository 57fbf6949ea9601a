/** `persistence.<id>`: the volumes of the pods and where they are mounted. */
import { Type, type Static } from "typebox";
import { closed, enabled, idMap, open, openList } from "./schema-builders.ts";
import { claimFields } from "./controller.ts";
import { mountList } from "./mount.ts";

export const persistenceSchema = Type.Object(
  {
    enabled: Type.Optional(enabled("this volume")),
    type: Type.Optional(
      Type.Enum(["persistentVolumeClaim", "emptyDir", "configMap", "secret", "nfs", "hostPath", "custom"], {
        description: "The volume kind. Default: persistentVolumeClaim.",
        default: "persistentVolumeClaim",
      }),
    ),
    size: Type.Optional(
      Type.String({
        description:
          "persistentVolumeClaim: the requested size, e.g. 5Gi (required for a new claim). Default: none.",
      }),
    ),
    ...claimFields,
    existingClaim: Type.Optional(
      Type.String({
        description: "persistentVolumeClaim: use this claim (tpl); none is rendered. Default: none.",
      }),
    ),
    retain: Type.Optional(
      Type.Boolean({
        description:
          "persistentVolumeClaim: keep the claim on uninstall (helm.sh/resource-policy: keep). " +
          "Default: true.",
        default: true,
      }),
    ),
    medium: Type.Optional(
      Type.Enum(["", "Memory"], { description: "emptyDir: Memory for tmpfs. Default: the node's disk." }),
    ),
    sizeLimit: Type.Optional(Type.String({ description: "emptyDir: the size limit. Default: none." })),
    identifier: Type.Optional(
      Type.String({
        description: "configMap/secret: the id of the chart's ConfigMap or Secret. Default: none.",
      }),
    ),
    name: Type.Optional(
      Type.String({ description: "configMap/secret: an existing object's name (tpl). Default: none." }),
    ),
    items: Type.Optional(
      openList("configMap/secret: only these keys, at these paths. Default: all keys.", "An item."),
    ),
    defaultMode: Type.Optional(
      Type.Union(
        [
          Type.Integer({
            minimum: 0,
            maximum: 511,
            description: "A mode (0644 in YAML is 420). Default: none.",
          }),
          Type.String({ pattern: "^0?[0-7]{3}$", description: 'An octal mode, e.g. "0644". Default: none.' }),
        ],
        { description: "configMap/secret: the files' mode. Default: Kubernetes' (0644)." },
      ),
    ),
    optional: Type.Optional(
      Type.Boolean({ description: "configMap/secret: start without the object. Default: false." }),
    ),
    server: Type.Optional(Type.String({ description: "nfs: the server (tpl; required). Default: none." })),
    path: Type.Optional(
      Type.String({ description: "nfs: the exported path (tpl; required). Default: none." }),
    ),
    hostPath: Type.Optional(
      Type.String({ description: "hostPath: the node's path (required). Default: none." }),
    ),
    hostPathType: Type.Optional(
      Type.Enum(
        ["", "DirectoryOrCreate", "Directory", "FileOrCreate", "File", "Socket", "CharDevice", "BlockDevice"],
        { description: "hostPath: what must exist there. Default: no check." },
      ),
    ),
    volumeSpec: Type.Optional(
      open("custom: the volume source, e.g. { csi: {...} } (required). Default: none."),
    ),
    globalMounts: Type.Optional(
      mountList("Mounts in every container and init container of every controller. Default: []."),
    ),
    advancedMounts: Type.Optional(
      idMap(
        idMap(
          mountList("Mounts in this container. Default: []."),
          "Mounts by container (or init container) id. Default: {}.",
        ),
        "Mounts by controller id, then container id. Default: {}.",
      ),
    ),
  },
  {
    ...closed,
    description: "A volume; mounted only where globalMounts or advancedMounts say. Default: none.",
  },
);
export type Persistence = Static<typeof persistenceSchema>;
