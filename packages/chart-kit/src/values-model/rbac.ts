/** `rbac`: Roles, ClusterRoles and their bindings. */
import { Type, type Static } from "typebox";
import { closed, enabled, idMap, metadataFields, openList } from "./schema-builders.ts";

const scope = <K extends "Role" | "RoleBinding">(kind: K) =>
  Type.Enum([kind, `Cluster${kind}` as const], {
    description: `Namespaced or cluster-wide. Default: ${kind}.`,
    default: kind,
  });

const roleSchema = Type.Object(
  {
    enabled: Type.Optional(enabled("this role")),
    type: Type.Optional(scope("Role")),
    ...metadataFields("role"),
    rules: Type.Optional(openList("The policy rules (tpl). Default: [].", "A rule.")),
  },
  { ...closed, description: "A Role or ClusterRole. Default: none." },
);

const roleBindingSchema = Type.Object(
  {
    enabled: Type.Optional(enabled("this binding")),
    type: Type.Optional(scope("RoleBinding")),
    ...metadataFields("binding"),
    roleRef: Type.Object(
      {
        identifier: Type.Optional(
          Type.String({ description: "A chart role id (its type gives the kind). Default: none." }),
        ),
        name: Type.Optional(Type.String({ description: "An existing role (tpl). Default: none." })),
        kind: Type.Optional(
          Type.Enum(["Role", "ClusterRole"], {
            description:
              "The existing role's kind. Default: ClusterRole for a ClusterRoleBinding, else Role.",
          }),
        ),
      },
      { ...closed, description: "The role granted. Default: none (required)." },
    ),
    subjects: Type.Optional(
      Type.Array(
        Type.Object(
          {
            identifier: Type.Optional(
              Type.String({ description: "A chart ServiceAccount id. Default: none." }),
            ),
            kind: Type.Optional(
              Type.Enum(["ServiceAccount", "User", "Group"], {
                description: "The subject's kind. Default: ServiceAccount.",
              }),
            ),
            name: Type.Optional(Type.String({ description: "The subject's name (tpl). Default: none." })),
            namespace: Type.Optional(
              Type.String({ description: "A ServiceAccount's namespace. Default: the release namespace." }),
            ),
          },
          { ...closed, description: "Who is granted the role. Default: none." },
        ),
        { description: "Who is granted the role. Default: []." },
      ),
    ),
  },
  { ...closed, description: "A RoleBinding or ClusterRoleBinding. Default: none." },
);

export const rbacSchema = Type.Object(
  {
    roles: Type.Optional(idMap(roleSchema, "Roles by id. Default: {}.")),
    bindings: Type.Optional(idMap(roleBindingSchema, "Role bindings by id. Default: {}.")),
  },
  { ...closed, description: "RBAC objects of the chart. Default: { roles: {}, bindings: {} }." },
);
export type Rbac = Static<typeof rbacSchema>;
