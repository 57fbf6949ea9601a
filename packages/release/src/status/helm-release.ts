import { gunzipSync } from "node:zlib";
import type { V1Secret } from "@kubernetes/client-node";
import type { Kube } from "../cluster/kube.ts";

/** Label helm-controller's Job puts on the releases it makes (klipper-helm's `--labels`). */
export const CONFIG_HASH_LABEL = "helmcharts.helm.cattle.io/configHash";

/** A helm release's latest revision, as helm keeps it (a Secret per revision). */
export interface HelmRelease {
  revision: number;
  /** `deployed`, `failed`, `pending-install`, `pending-upgrade`, `uninstalling`, ... */
  status: string;
  chart: string;
  /** The chart version of this (latest) revision. */
  chartVersion: string;
  appVersion?: string;
  /** The chart version of the latest revision that was deployed (this one, or one before a failure). */
  deployedVersion?: string;
  /** Whether helm-controller made this revision (its Job labels the release with the config hash). */
  byHelmController: boolean;
}

interface StoredRelease {
  info?: { status?: string };
  chart?: { metadata?: { name?: string; version?: string; appVersion?: string } };
}

/** Decodes helm's stored release (base64 of gzipped JSON, inside the Secret's base64). */
export function decodeRelease(data: string): StoredRelease {
  let raw = Buffer.from(Buffer.from(data, "base64").toString("utf8"), "base64");
  if (raw[0] === 0x1f && raw[1] === 0x8b) raw = gunzipSync(raw);
  return JSON.parse(raw.toString("utf8")) as StoredRelease;
}

/** The latest revision of helm release `name` in `namespace` (helm's Secret driver), if any. */
export async function latestHelmRelease(
  kube: Kube,
  namespace: string,
  name: string,
): Promise<HelmRelease | undefined> {
  const list = await kube.core.listNamespacedSecret({ namespace, labelSelector: `owner=helm,name=${name}` });
  const revisions = list.items
    .filter((s: V1Secret) => s.type === "helm.sh/release.v1" && s.data?.release)
    .sort((a, b) => Number(b.metadata?.labels?.version ?? 0) - Number(a.metadata?.labels?.version ?? 0));
  const read = (s: V1Secret): StoredRelease => {
    try {
      return decodeRelease(s.data!.release!);
    } catch {
      return {};
    }
  };
  const latest = revisions[0];
  if (!latest) return undefined;
  const stored = read(latest);
  const status = stored.info?.status ?? latest.metadata?.labels?.status ?? "unknown";
  const meta = stored.chart?.metadata ?? {};
  // Helm marks the revision before a successful upgrade `superseded`: the deployed one is the
  // latest revision labelled deployed.
  const deployed = revisions.find((s) => s.metadata?.labels?.status === "deployed");
  const deployedVersion = deployed ? read(deployed).chart?.metadata?.version : undefined;
  return {
    revision: Number(latest.metadata?.labels?.version ?? 0),
    status,
    chart: meta.name ?? "?",
    chartVersion: meta.version ?? "?",
    ...(meta.appVersion ? { appVersion: meta.appVersion } : {}),
    ...(deployedVersion ? { deployedVersion } : {}),
    byHelmController: Boolean(latest.metadata?.labels?.[CONFIG_HASH_LABEL]),
  };
}
