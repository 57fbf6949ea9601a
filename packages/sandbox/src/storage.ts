import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { V1StorageClass } from "@kubernetes/client-node";
import { StorageV1Api } from "@kubernetes/client-node";
import type { ControlPlane } from "./control-plane.ts";
import type { ManagedProcess } from "./processes.ts";
import { readyOrStopped, startProcess, waitFor } from "./processes.ts";
import { loadKubeConfig } from "@homelab/toolbox/kube";

/** The provisioner name k3s's local-path StorageClass names. */
export const LOCAL_PATH_PROVISIONER = "rancher.io/local-path";

/** The label of the provisioner's helper pods; kwok's stage `local-path-helper-complete` completes them. */
export const LOCAL_PATH_HELPER_LABEL = "sandbox.homelab/local-path-helper";

/** The `local-path` StorageClass as k3s ships it: the default class, bound when a pod first uses the claim. */
export const LOCAL_PATH_STORAGE_CLASS: V1StorageClass = {
  apiVersion: "storage.k8s.io/v1",
  kind: "StorageClass",
  metadata: {
    name: "local-path",
    annotations: { "storageclass.kubernetes.io/is-default-class": "true" },
  },
  provisioner: LOCAL_PATH_PROVISIONER,
  volumeBindingMode: "WaitForFirstConsumer",
  reclaimPolicy: "Delete",
};

/** k3s's default path (the PVs name it; nothing is created there: the helper pods run nowhere). */
const CONFIG = {
  nodePathMap: [{ node: "DEFAULT_PATH_FOR_NON_LISTED_NODES", paths: ["/var/lib/rancher/k3s/storage"] }],
};

const HELPER_POD = `apiVersion: v1
kind: Pod
metadata:
  name: helper-pod
  labels:
    ${LOCAL_PATH_HELPER_LABEL}: "true"
spec:
  priorityClassName: system-node-critical
  tolerations:
    - key: node.kubernetes.io/disk-pressure
      operator: Exists
      effect: NoSchedule
  containers:
    - name: helper-pod
      image: rancher/mirrored-library-busybox:1.36.1
      imagePullPolicy: IfNotPresent
`;

/**
 * Creates the `local-path` StorageClass and starts the real local-path-provisioner out of
 * cluster. A claim of the class binds once a pod using it is scheduled: the scheduler picks the
 * node, the provisioner runs its helper pod there (kwok completes it) and creates a hostPath PV,
 * kube-controller-manager binds it. Waits until the provisioner's controller has started.
 */
export async function startLocalPathProvisioner(cp: ControlPlane): Promise<ManagedProcess> {
  const dir = join(cp.dir, "local-path");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "config.json"), `${JSON.stringify(CONFIG)}\n`);
  writeFileSync(join(dir, "helperPod.yaml"), HELPER_POD);
  const kc = loadKubeConfig(cp.kubeconfig);
  await kc.makeApiClient(StorageV1Api).createStorageClass({ body: LOCAL_PATH_STORAGE_CLASS });
  const p = startProcess(cp.dir, "local-path-provisioner", "local-path-provisioner", [
    "start",
    `--kubeconfig=${cp.kubeconfigFor("local-path-provisioner")}`,
    `--config=${join(dir, "config.json")}`,
    `--helper-pod-file=${join(dir, "helperPod.yaml")}`,
    `--provisioner-name=${LOCAL_PATH_PROVISIONER}`,
    // Where its helper pods go, and their ServiceAccount (made by the serviceaccount controller).
    "--namespace=kube-system",
    "--service-account-name=default",
    // Only named in the helper pods' (never mounted) volume.
    "--configmap-name=local-path-config",
    "--helper-image=rancher/mirrored-library-busybox:1.36.1",
  ]);
  // It has no health endpoint; this is the line of its controller library once it watches claims.
  const started = async () =>
    existsSync(p.log) && readFileSync(p.log, "utf8").includes("Started provisioner controller");
  return readyOrStopped(p, () => waitFor("local-path-provisioner's controller", started, 60_000, p));
}
