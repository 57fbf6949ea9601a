import type { CheckConfigInput, CheckedConfig } from "./config/check-config.ts";
import { checkConfig } from "./config/check-config.ts";
import type { HomelabConfig } from "./config/schema.ts";
import type { Kube } from "./cluster/kube.ts";
import { connect } from "./cluster/kube.ts";
import type { Plan } from "./plan/plan-release.ts";
import { planRelease } from "./plan/plan-release.ts";

export interface ReleaseInput extends CheckConfigInput {
  /** The cluster to release into. */
  kubeconfig: string;
}

export interface PreparedRelease {
  checked: CheckedConfig;
  config: HomelabConfig;
  kube: Kube;
  plan: Plan;
}

/**
 * Everything before the first write: checks the whole config without a cluster (checkConfig),
 * then plans against the cluster (reads only). Any problem here throws, and nothing has been
 * written.
 */
export async function prepareRelease(input: ReleaseInput): Promise<PreparedRelease> {
  const checked = await checkConfig(input);
  const kube = connect(input.kubeconfig);
  return { checked, config: checked.config, kube, plan: await planRelease(kube, checked) };
}
