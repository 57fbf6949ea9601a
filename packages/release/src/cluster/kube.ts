import type { KubeConfig, KubernetesObject } from "@kubernetes/client-node";
import {
  ApiException,
  AppsV1Api,
  BatchV1Api,
  CoordinationV1Api,
  CoreV1Api,
  KubernetesObjectApi,
} from "@kubernetes/client-node";
import type { PooledKubeConfig } from "@homelab/toolbox/kube";
import { kubeConfigFromText, readKubeconfigFile } from "./read-kubeconfig.ts";

/** The API clients a release uses, from one kubeconfig. */
export interface Kube {
  kubeconfig: string;
  objects: KubernetesObjectApi;
  core: CoreV1Api;
  apps: AppsV1Api;
  batch: BatchV1Api;
  coordination: CoordinationV1Api;
  /** The kubeconfig the clients use, for watches. Absent: no watches (waits only poll). */
  config?: KubeConfig;
}

/** API clients for the cluster of a kubeconfig file (a broken one is a ConfigError naming it, never quoting it). */
export function connect(kubeconfig: string): Kube {
  return kubeFrom(readKubeconfigFile(kubeconfig), kubeconfig);
}

/** A cluster from a kubeconfig's text, never written to a file (a dry run's, read from the first server). */
export function connectYaml(yaml: string, shown: string): Kube {
  return kubeFrom(kubeConfigFromText(yaml, shown), shown);
}

function kubeFrom(kc: PooledKubeConfig, kubeconfig: string): Kube {
  return {
    kubeconfig,
    objects: KubernetesObjectApi.makeApiClient(kc),
    core: kc.makeApiClient(CoreV1Api),
    apps: kc.makeApiClient(AppsV1Api),
    batch: kc.makeApiClient(BatchV1Api),
    coordination: kc.makeApiClient(CoordinationV1Api),
    config: kc,
  };
}

/** The HTTP status of an API error, or undefined for other errors. */
export const statusOf = (e: unknown): number | undefined => (e instanceof ApiException ? e.code : undefined);

/** A readable message for an API error: the apiserver's own message when it sent one. */
export function apiMessage(e: unknown): string {
  if (e instanceof ApiException) {
    const body = typeof e.body === "string" ? safeJson(e.body) : (e.body as { message?: string } | undefined);
    return `${e.code}: ${body?.message ?? String(e.body ?? e.message)}`;
  }
  return e instanceof Error ? e.message : String(e);
}

function safeJson(text: string): { message?: string } | undefined {
  try {
    return JSON.parse(text) as { message?: string };
  } catch {
    return { message: text };
  }
}

/** Reads an object; undefined when it does not exist. */
export async function readOptional<T extends KubernetesObject>(
  kube: Kube,
  header: { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } },
): Promise<T | undefined> {
  try {
    return (await kube.objects.read(header as never)) as T;
  } catch (e) {
    if (statusOf(e) === 404) return undefined;
    throw e;
  }
}
