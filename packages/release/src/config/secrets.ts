import { existsSync, readFileSync } from "node:fs";
import { ConfigError, ConfigErrors } from "../errors.ts";
import type { HomelabConfig } from "./schema.ts";

/** Reads `KEY=value` lines of a .env file (comments and blank lines ignored, optional quotes). */
export function parseDotEnv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    let v = m[2]!;
    if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) v = v.slice(1, -1);
    out[m[1]!] = v;
  }
  return out;
}

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
  const dotenv = existsSync(envFile) ? parseDotEnv(readFileSync(envFile, "utf8")) : {};
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
