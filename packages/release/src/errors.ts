/** A problem in the homelab config: names the file, the field (and line), and the fix. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(
    readonly file: string,
    readonly field: string,
    readonly problem: string,
    readonly fix: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(`${file}${line ? `:${line}:${column ?? 1}` : ""}: ${field ? `${field}: ` : ""}${problem}. Fix: ${fix}`);
  }
}

/** Every config problem found, reported together. */
export class ConfigErrors extends Error {
  override readonly name = "ConfigErrors";
  constructor(readonly errors: ConfigError[]) {
    super(errors.map((e) => e.message).join("\n"));
  }
}

/** A release step that failed before anything was written (plan, validation, connection). */
export class ReleaseError extends Error {
  override readonly name = "ReleaseError";
  constructor(message: string, readonly fix: string) {
    super(`${message}. Fix: ${fix}`);
  }
}
