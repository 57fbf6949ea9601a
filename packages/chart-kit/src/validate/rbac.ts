/** Checks of `rbac`: the role a binding names, and the ServiceAccounts its subjects name. */
import {
  choices,
  enabledEntries,
  enabledIds,
  isObj,
  listOf,
  type Obj,
  type Problem,
} from "./values-access.ts";

export function rbacProblems(values: Obj): Problem[] {
  const out: Problem[] = [];
  const rbac = isObj(values.rbac) ? values.rbac : {};
  const roles = new Map(enabledEntries(rbac.roles));
  const accounts = enabledIds(values.serviceAccount);
  for (const [id, b] of enabledEntries(rbac.bindings)) {
    const at = `values.rbac.bindings.${id}`;
    const ref = isObj(b.roleRef) ? b.roleRef : {};
    let kind = ref.kind;
    if (ref.identifier) {
      const role = roles.get(String(ref.identifier));
      if (!role) {
        out.push([
          `${at}.roleRef.identifier`,
          `"${String(ref.identifier)}" is not one of the chart's roles`,
          `use one of: ${choices(roles.keys())}, or name an existing role with roleRef.name and roleRef.kind`,
        ]);
      }
      kind = role?.type ?? "Role";
    } else if (!ref.name) {
      out.push([
        `${at}.roleRef`,
        "names no role",
        "set roleRef.identifier (an id under rbac.roles) or roleRef.name and kind",
      ]);
    }
    if (b.type === "ClusterRoleBinding" && kind === "Role")
      out.push([
        `${at}.roleRef`,
        "is a Role, and a ClusterRoleBinding can only bind a ClusterRole",
        "make the role a ClusterRole, or the binding a RoleBinding",
      ]);
    listOf(b.subjects).forEach((subject, i) => {
      const s = isObj(subject) ? subject : {};
      if (s.identifier && !accounts.has(String(s.identifier))) {
        out.push([
          `${at}.subjects[${i}].identifier`,
          `"${String(s.identifier)}" is not one of the chart's ServiceAccounts`,
          `use one of: ${choices(accounts)}, or give kind, name and namespace`,
        ]);
      } else if (!s.identifier && !s.name) {
        out.push([
          `${at}.subjects[${i}]`,
          "names nobody",
          "set identifier (an id under serviceAccount) or kind and name",
        ]);
      }
    });
  }
  return out;
}
