export type { CtLintOptions, CtLintResult } from "./ct.ts";
export { chartSchema, CT_CONFIG, ctLint, LINT_CONF } from "./ct.ts";
