import { join, relative } from "node:path";
import type { ServicePackage } from "@homelab/chart-kit";
import { loadConfig } from "./config/load-config.ts";
import { resolveSecrets } from "./config/secrets.ts";
import type { HomelabConfig } from "./config/schema.ts";
import type { Kube } from "./cluster/kube.ts";
import { connect } from "./cluster/kube.ts";
import type { Plan } from "./plan/plan-release.ts";
import { checkSecretIds } from "./config/check-secret-ids.ts";
import { checkValues } from "./config/check-values.ts";
import { planRelease } from "./plan/plan-release.ts";
import { loadAllServices } from "@homelab/chart-kit";

export interface ReleaseInput {
  /** Repository root (apps/ is read from here). */
  root: string;
  /** The homelab config file. Default: `<root>/homelab.yaml`. */
  configFile?: string;
  /** The .env file secrets may come from. Default: `<root>/.env`. */
  envFile?: string;
  /** The cluster to release into. */
  kubeconfig: string;
  env?: NodeJS.ProcessEnv;
}

export interface PreparedRelease {
  config: HomelabConfig;
  services: Map<string, ServicePackage>;
  kube: Kube;
  plan: Plan;
}

/**
 * Everything before the first write: reads and validates the config, the
 * secrets and every service's values (with the real helm), and plans against
 * the cluster. Any problem here throws, and nothing has been written.
 */
export async function prepareRelease(input: ReleaseInput): Promise<PreparedRelease> {
  const configFile = input.configFile ?? join(input.root, "homelab.yaml");
  const shown = relative(process.cwd(), configFile) || configFile;
  const services = await loadAllServices(input.root);
  const config = loadConfig(configFile, [...services.keys()]);
  checkSecretIds(config, services, shown);
  const secrets = resolveSecrets(config, shown, input.envFile ?? join(input.root, ".env"), input.env);
  const kube = connect(input.kubeconfig);
  const plan = await planRelease(kube, config, services, secrets);
  await checkValues(
    plan.services.filter((p) => p.desired).map((p) => ({ service: p.service, desired: p.desired! })),
    shown,
  );
  return { config, services, kube, plan };
}
