import { ExitCode, FixableError, FixableErrors } from "@homelab/errors";

/** A service definition that cannot become a chart: names the service, the field and the fix. */
export class DefinitionError extends FixableError {
  override readonly name = "DefinitionError";
  constructor(
    readonly service: string,
    readonly field: string,
    problem: string,
    fix: string,
  ) {
    super(problem, fix, { exitCode: ExitCode.usage, where: `service "${service}": ${field}` });
  }
}

/** Several definition problems found at once, so a user fixes them in one pass. */
export class DefinitionErrors extends FixableErrors {
  override readonly name = "DefinitionErrors";
  constructor(override readonly errors: readonly DefinitionError[]) {
    super(errors, { exitCode: ExitCode.usage });
  }
}

/** A service package that cannot be loaded: names the file and the fix. */
export class ServicePackageError extends FixableError {
  override readonly name = "ServicePackageError";
  constructor(
    readonly file: string,
    problem: string,
    fix: string,
  ) {
    super(problem, fix, { exitCode: ExitCode.usage, where: file });
  }
}
