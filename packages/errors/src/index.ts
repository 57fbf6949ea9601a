export type { ExitCodeValue } from "./exit-codes.ts";
export { EXIT_CODES_HELP, ExitCode } from "./exit-codes.ts";
export type { FixableErrorOptions } from "./fixable-error.ts";
export { FixableError, FixableErrors } from "./fixable-error.ts";
export type { ErrorJson, ErrorJsonProblem } from "./report.ts";
export { errorJson, reportError } from "./report.ts";
