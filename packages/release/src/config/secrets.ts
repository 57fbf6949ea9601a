import { ConfigError, ConfigErrors } from "../errors.ts";
import { readDotEnv } from "./dotenv.ts";
import type { HomelabConfig } from "./schema.ts";

/** Secret values per service: service -> chart secret id -> key -> value. */
export type ResolvedSecrets = Record<string, Record<string, Record<string, string>>>;

/**
 * Resolves every secret source of the enabled services from the environment,
 * then the .env file. A missing one is an error naming the service, the key
 * and the variable to set; nothing is released then.
 */
export function resolveSecrets(
  config: HomelabConfig,
  configFile: string,
  envFile: string,
  env: NodeJS.ProcessEnv = process.env,
): ResolvedSecrets {
  const dotenv = readDotEnv(envFile);
  const errors: ConfigError[] = [];
  const out: ResolvedSecrets = {};
  for (const [service, s] of Object.entries(config.services)) {
    if (s.enabled === false) continue;
    for (const [id, keys] of Object.entries(s.secrets ?? {})) {
      for (const [key, source] of Object.entries(keys)) {
        const value = env[source.env] ?? dotenv[source.env];
        if (value === undefined || value === "") {
          errors.push(
            new ConfigError(
              configFile,
              `services.${service}.secrets.${id}.${key}`,
              `environment variable ${source.env} is not set`,
              `export ${source.env}=... or add it to ${envFile} (never commit it)`,
            ),
          );
          continue;
        }
        ((out[service] ??= {})[id] ??= {})[key] = value;
      }
    }
  }
  if (errors.length > 0) throw new ConfigErrors(errors);
  return out;
}
