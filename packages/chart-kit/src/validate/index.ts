/**
 * The checks of chart values between keys, kind by kind, as the library's
 * templates make them at install time (validation-cases.yaml holds the cases
 * both must agree on). Every problem names its key path and the fix.
 */
import { configObjectProblems } from "./config-objects.ts";
import { controllerProblems } from "./controllers.ts";
import { persistenceProblems } from "./persistence.ts";
import { rbacProblems } from "./rbac.ts";
import { backendProblems, serviceProblems } from "./services.ts";
import type { Obj, Problem } from "./values-access.ts";

export function valuesProblems(values: Obj): Problem[] {
  return [
    ...persistenceProblems(values),
    ...controllerProblems(values),
    ...configObjectProblems(values),
    ...rbacProblems(values),
    ...serviceProblems(values),
    ...backendProblems(values),
  ];
}
