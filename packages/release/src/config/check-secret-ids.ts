import type { ServicePackage } from "@homelab/chart-kit";
import { ConfigError, ConfigErrors } from "../errors.ts";
import type { HomelabConfig } from "./schema.ts";

/** Checks that every secret id in the config is a secret of its chart. */
export function checkSecretIds(config: HomelabConfig, services: Map<string, ServicePackage>, configFile: string): void {
  const errors: ConfigError[] = [];
  for (const [name, s] of Object.entries(config.services)) {
    const chartSecrets = Object.keys(services.get(name)?.definition.secrets ?? {});
    for (const id of Object.keys(s.secrets ?? {})) {
      if (!chartSecrets.includes(id)) {
        errors.push(new ConfigError(configFile, `services.${name}.secrets.${id}`, `the ${name} chart has no secret "${id}"`, chartSecrets.length ? `use one of: ${chartSecrets.join(", ")}` : `remove it; the ${name} chart takes no secrets`));
      }
    }
  }
  if (errors.length > 0) throw new ConfigErrors(errors);
}

