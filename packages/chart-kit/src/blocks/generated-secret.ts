/** A Secret of random values the chart generates once and keeps across upgrades. */
import type { Secret } from "../values-model/config-map-secret.ts";

/**
 * A `secrets.<id>` entry that generates each key once, at install, as a random alphanumeric value
 * of the given length, and keeps it across upgrades. An installer can use a Secret of their own
 * instead (`secrets.<id>.existingSecret`). Containers read a key with {@link secretEnv}.
 *
 * @param lengths The length of each key's value, by key.
 * @example
 * secrets: { app: generatedSecret({ API_KEY: 32 }) }
 */
export function generatedSecret(lengths: Readonly<Record<string, number>>): Secret {
  return {
    generate: Object.fromEntries(Object.entries(lengths).map(([key, length]) => [key, { length }])),
  };
}
