import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { CoreV1Api } from "@kubernetes/client-node";
import type { ControlPlane } from "./control-plane.ts";
import { httpsStatus } from "./probe.ts";
import type { ManagedProcess } from "./processes.ts";
import { freePort, readyOrStopped, startProcess, waitFor } from "./processes.ts";
import { loadKubeConfig } from "@homelab/toolbox/kube";

/**
 * The controllers the sandbox runs (v1.35 names). Left out on purpose: the
 * certificatesigningrequest-* controllers (no CSRs here, no cluster signing key),
 * node-ipam (no pod CIDR allocation: kwok hands out pod IPs), the cloud controllers
 * (service-lb, node-route, cloud-node-lifecycle), attach-detach (no volumes to attach),
 * horizontal-pod-autoscaler (no metrics API), ttl, bootstrap-signer and token-cleaner.
 */
export const CONTROLLERS = [
  "deployment-controller",
  "replicaset-controller",
  "statefulset-controller",
  "daemonset-controller",
  "job-controller",
  "cronjob-controller",
  "ttl-after-finished-controller",
  "disruption-controller",
  "serviceaccount-controller",
  "serviceaccount-token-controller",
  "root-ca-certificate-publisher-controller",
  "namespace-controller",
  "garbage-collector-controller",
  "pod-garbage-collector-controller",
  "endpoints-controller",
  "endpointslice-controller",
  "endpointslice-mirroring-controller",
  // Without it a new Node keeps the not-ready taint the apiserver puts on it: nothing schedules.
  "node-lifecycle-controller",
  "taint-eviction-controller",
  "clusterrole-aggregation-controller",
  "resourcequota-controller",
  "persistentvolume-binder-controller",
  "persistentvolume-expander-controller",
  "persistentvolume-protection-controller",
  "persistentvolumeclaim-protection-controller",
  "ephemeral-volume-controller",
] as const;

/**
 * Starts the real kube-controller-manager against the control plane and waits until its
 * controllers work: /healthz answers and the serviceaccount controller has made
 * `default/default` (pods are refused in a namespace until its `default` ServiceAccount exists).
 */
export async function startControllerManager(cp: ControlPlane): Promise<ManagedProcess> {
  const kubeconfig = cp.kubeconfigFor("kube-controller-manager");
  const certDir = join(cp.dir, "pki", "kube-controller-manager");
  mkdirSync(certDir, { recursive: true });
  const port = await freePort();
  const p = startProcess(cp.dir, "kube-controller-manager", "kube-controller-manager", [
    `--kubeconfig=${kubeconfig}`,
    `--authentication-kubeconfig=${kubeconfig}`,
    `--authorization-kubeconfig=${kubeconfig}`,
    // Else it polls for the extension-apiserver-authentication ConfigMap and logs errors.
    "--authentication-skip-lookup",
    "--bind-address=127.0.0.1",
    `--secure-port=${port}`,
    `--cert-dir=${certDir}`,
    "--leader-elect=false",
    "--use-service-account-credentials=false",
    `--service-account-private-key-file=${join(cp.dir, "pki", "sa.key")}`,
    `--root-ca-file=${cp.caFile}`,
    `--controllers=${CONTROLLERS.join(",")}`,
    "--v=1",
  ]);
  const kc = loadKubeConfig(cp.kubeconfig);
  const core = kc.makeApiClient(CoreV1Api);
  return readyOrStopped(p, async () => {
    const healthz = async () =>
      (await httpsStatus(`https://127.0.0.1:${port}/healthz`, { insecure: true })) === 200;
    await waitFor("kube-controller-manager /healthz", healthz, 60_000, p);
    const sa = async () =>
      Boolean(await core.readNamespacedServiceAccount({ name: "default", namespace: "default" }));
    await waitFor(
      "the ServiceAccount default/default (kube-controller-manager's serviceaccount controller)",
      sa,
      60_000,
      p,
    );
  });
}
