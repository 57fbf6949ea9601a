import type { Kube } from "../cluster/kube.ts";
import { readOptional } from "../cluster/kube.ts";
import type { PlannedSecret } from "../plan/plan-release.ts";
import type { UpstreamChart } from "./resolve-upstream.ts";
import { authSecretName } from "./upstream-helmchart.ts";

/** Secret type helm-controller's authSecret names. */
export const BASIC_AUTH_TYPE = "kubernetes.io/basic-auth";

/**
 * The basic-auth Secret of a private repository's credentials, beside the HelmChart (in the
 * HelmChart namespace, where helm-controller's Job mounts it), compared with what is there.
 */
export async function planAuthSecret(
  kube: Kube,
  helmChartNamespace: string,
  upstream: UpstreamChart,
): Promise<PlannedSecret | undefined> {
  if (!upstream.auth) return undefined;
  const name = authSecretName(upstream.service);
  const found = await readOptional<{
    data?: Record<string, string>;
    type?: string;
    metadata?: { resourceVersion?: string };
  }>(kube, {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name, namespace: helmChartNamespace },
  });
  const data = {
    username: Buffer.from(upstream.auth.username).toString("base64"),
    password: Buffer.from(upstream.auth.password).toString("base64"),
  };
  const unchanged =
    found !== undefined &&
    found.type === BASIC_AUTH_TYPE &&
    Object.keys(found.data ?? {}).length === 2 &&
    found.data?.username === data.username &&
    found.data?.password === data.password;
  const rv = found?.metadata?.resourceVersion;
  return {
    id: "repo-auth",
    name,
    namespace: helmChartNamespace,
    data,
    type: BASIC_AUTH_TYPE,
    unchanged,
    ...(rv ? { resourceVersion: rv } : {}),
  };
}
