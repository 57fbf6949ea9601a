/** A service definition that cannot become a chart: names the service, the field and the fix. */
export class DefinitionError extends Error {
  override readonly name = "DefinitionError";
  constructor(
    readonly service: string,
    readonly field: string,
    readonly problem: string,
    readonly fix: string,
  ) {
    super(`service "${service}": ${field}: ${problem}. Fix: ${fix}`);
  }
}

/** Several definition problems found at once, so a user fixes them in one pass. */
export class DefinitionErrors extends Error {
  override readonly name = "DefinitionErrors";
  constructor(readonly errors: DefinitionError[]) {
    super(errors.map((e) => e.message).join("\n"));
  }
}
