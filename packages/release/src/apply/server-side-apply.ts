import { PatchStrategy } from "@kubernetes/client-node";
import type { KubernetesObject } from "@kubernetes/client-node";
import type { Kube } from "../cluster/kube.ts";
import { FIELD_MANAGER } from "../plan/desired-helmchart.ts";

/** Server-side apply with this tool's field manager; conflicts with other managers fail (no force). */
export async function serverSideApply<T extends KubernetesObject>(kube: Kube, object: T): Promise<T> {
  return kube.objects.patch(
    object,
    undefined,
    undefined,
    FIELD_MANAGER,
    false,
    PatchStrategy.ServerSideApply,
  );
}
