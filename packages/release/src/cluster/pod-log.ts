import type { V1Pod } from "@kubernetes/client-node";
import type { Kube } from "./kube.ts";
import { apiMessage, statusOf } from "./kube.ts";

/**
 * The last lines a container printed: its previous run's log when the node serves it, else
 * its termination message (which a node without a log endpoint, like the sandbox's, sets).
 */
export async function lastLogLines(
  kube: Kube,
  pod: V1Pod,
  container?: string,
  lines = 20,
): Promise<string | undefined> {
  const name = pod.metadata!.name!;
  const namespace = pod.metadata!.namespace!;
  // An init container's (a failing one, a sidecar) status is among initContainerStatuses.
  const status = [
    ...(pod.status?.containerStatuses ?? []),
    ...(pod.status?.initContainerStatuses ?? []),
  ].find((s) => container === undefined || s.name === container);
  try {
    const log = await kube.core.readNamespacedPodLog({
      name,
      namespace,
      tailLines: lines,
      previous: true,
      ...(container ? { container } : {}),
    });
    if (log.trim()) return log.trim();
  } catch (e) {
    // No kubelet serves this pod's log (or it is gone): fall back to the termination message.
    if (statusOf(e) === undefined) throw new Error(apiMessage(e));
  }
  const message = (status?.lastState?.terminated ?? status?.state?.terminated)?.message;
  return message ? message.trim().split("\n").slice(-lines).join("\n") : undefined;
}
