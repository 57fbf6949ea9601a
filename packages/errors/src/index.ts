export type { ExitCodeValue } from "./exit-codes.ts";
export { EXIT_CODES_HELP, ExitCode } from "./exit-codes.ts";
export type { FixableErrorOptions } from "./fixable-error.ts";
export { FixableError, FixableErrors } from "./fixable-error.ts";
export { reportError } from "./report.ts";
