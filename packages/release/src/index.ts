// What other packages use (bench/): the config check, the plan and its execution.
// Tests in this package import modules directly.
export type { HomelabConfig } from "./config/schema.ts";
export type { CheckedConfig } from "./config/check-config.ts";
export { checkServices } from "./config/check-config.ts";
export { connect } from "./cluster/kube.ts";
export type { Plan, ServicePlan } from "./plan/plan-release.ts";
export { planRelease } from "./plan/plan-release.ts";
export { serverSideApply } from "./apply/server-side-apply.ts";
export type { ExecuteOptions, ReleaseSummary, ServiceResult, WaitFor } from "./execute-plan.ts";
export { executePlan } from "./execute-plan.ts";
