/** An environment variable read from a key of one of the chart's own Secrets. */
import type { Container } from "../values-model/container.ts";

/** One environment variable's value, as `containers.<id>.env.<NAME>` takes it. */
export type EnvValue = NonNullable<Container["env"]>[string];

/**
 * The value of `key` in the chart's Secret `identifier` (under `secrets`), e.g. a generated
 * password: `{ valueFrom: { secretKeyRef: { identifier, key } } }`. The Secret's name follows the
 * release (`<release>-<identifier>`), so installers can also point `secrets.<identifier>.existingSecret`
 * at a Secret of their own.
 *
 * @example
 * env: { ADMIN_TOKEN: secretEnv("admin", "ADMIN_TOKEN") }
 */
export function secretEnv(identifier: string, key: string): EnvValue {
  return { valueFrom: { secretKeyRef: { identifier, key } } };
}
