import { Agent } from "node:https";
import type { RequestContext } from "@kubernetes/client-node";
import { KubeConfig } from "@kubernetes/client-node";

/**
 * A KubeConfig whose API clients keep their connections to the apiserver open and reuse them.
 * @kubernetes/client-node 1.x gives every request a new https.Agent: a new TLS context (the CA
 * bundle parsed again) and a new TLS handshake per request, which cost a release polling 50
 * services more CPU than its own work, and the apiserver as much again. Here requests with the
 * same TLS settings share one keep-alive Agent. Clusters behind a proxy keep the library's agents.
 */
export class PooledKubeConfig extends KubeConfig {
  readonly #agents = new Map<string, Agent>();

  override async applySecurityAuthentication(context: RequestContext): Promise<void> {
    await super.applySecurityAuthentication(context);
    const fresh = context.getAgent();
    if (this.getCurrentCluster()?.proxyUrl || !(fresh instanceof Agent)) return;
    const o = fresh.options;
    // Client certificates can change (exec credential plugins): they are part of the key.
    const key = JSON.stringify([
      o.ca,
      o.cert,
      o.key,
      o.pfx,
      o.passphrase,
      o.rejectUnauthorized,
      o.servername,
    ]);
    let agent = this.#agents.get(key);
    if (!agent) {
      agent = new Agent({ ...o, keepAlive: true });
      this.#agents.set(key, agent);
    }
    context.setAgent(agent);
  }
}

/** A pooled KubeConfig (see PooledKubeConfig) loaded from a kubeconfig file. */
export function loadKubeConfig(file: string): PooledKubeConfig {
  const kc = new PooledKubeConfig();
  kc.loadFromFile(file);
  return kc;
}
