/**
 * THE STAND-IN FOR K3S'S SERVICELB (klipper-lb). On k3s, servicelb runs a DaemonSet of
 * iptables forwarders for each LoadBalancer Service and publishes the addresses of the nodes
 * that run them as the Service's `status.loadBalancer.ingress`. The sandbox's node runs no
 * containers, so this publishes the node's address directly: what `helm --wait`, `kubectl get
 * svc` and `homelab-release status` then see is what they would see on k3s. Nothing forwards
 * traffic.
 */
import type { V1Service } from "@kubernetes/client-node";
import { CoreV1Api, PatchStrategy, setHeaderOptions, Watch } from "@kubernetes/client-node";
import { NODE_IP } from "./kwok.ts";
import { loadKubeConfig } from "@homelab/toolbox/kube";

export interface ServiceLb {
  stop(): Promise<void>;
}

/** Watches Services; each LoadBalancer Service without an address gets the node's. */
export function startServiceLb(kubeconfig: string): ServiceLb {
  const kc = loadKubeConfig(kubeconfig);
  const core = kc.makeApiClient(CoreV1Api);
  let stopped = false;
  let abort: (() => void) | undefined;
  let wake: (() => void) | undefined;

  const publish = async (s: V1Service) => {
    if (s.spec?.type !== "LoadBalancer" || s.status?.loadBalancer?.ingress?.length) return;
    if (s.spec.loadBalancerClass) return; // another controller's, as servicelb leaves it
    const { name, namespace } = s.metadata as { name: string; namespace: string };
    const ingress = [{ ip: NODE_IP, ipMode: "VIP" }];
    await core
      .patchNamespacedServiceStatus(
        { name, namespace, body: { status: { loadBalancer: { ingress } } } },
        setHeaderOptions("Content-Type", PatchStrategy.MergePatch),
      )
      .catch(() => undefined); // deleted meanwhile; a later event brings it back if not
  };

  const loop = (async () => {
    while (!stopped) {
      try {
        const list = await core.listServiceForAllNamespaces();
        for (const s of list.items) await publish(s);
        await new Promise<void>((resolve) => {
          wake = resolve;
          const watch = new Watch(kc);
          watch
            .watch(
              "/api/v1/services",
              { resourceVersion: list.metadata?.resourceVersion, allowWatchBookmarks: true },
              (type, s: V1Service) => {
                if (type === "ADDED" || type === "MODIFIED") void publish(s);
              },
              () => resolve(),
            )
            .then((req) => {
              abort = () => req.abort();
              if (stopped) req.abort();
            })
            .catch(() => resolve());
        });
      } catch {
        if (!stopped) await new Promise((r) => setTimeout(r, 500));
      }
    }
  })();

  return {
    stop: async () => {
      stopped = true;
      abort?.();
      wake?.();
      await loop;
    },
  };
}
