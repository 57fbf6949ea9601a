import type { V1Ingress } from "@kubernetes/client-node";
import type { Kube } from "../cluster/kube.ts";
import { statusOf } from "../cluster/kube.ts";

/** The URLs of an Ingress: `https://host/path` when its TLS covers the host, else `http://`. */
export function ingressUrls(ingress: V1Ingress): string[] {
  const tlsHosts = new Set((ingress.spec?.tls ?? []).flatMap((t) => t.hosts ?? []));
  const urls: string[] = [];
  for (const rule of ingress.spec?.rules ?? []) {
    const host = rule.host ?? "*";
    const scheme = tlsHosts.has(host) ? "https" : "http";
    const paths = rule.http?.paths?.map((p) => p.path ?? "/") ?? ["/"];
    for (const path of paths) urls.push(`${scheme}://${host}${path.startsWith("/") ? path : `/${path}`}`);
  }
  return urls;
}

interface HttpRoute {
  metadata?: { namespace?: string };
  spec?: {
    hostnames?: string[];
    parentRefs?: { name: string; namespace?: string; sectionName?: string }[];
    rules?: { matches?: { path?: { value?: string } }[] }[];
  };
}

interface Gateway {
  spec?: { listeners?: { name: string; protocol?: string; hostname?: string }[] };
}

/**
 * The URLs of a Gateway API HTTPRoute: each hostname with each path match, `https://` when a
 * listener of its parent Gateway it attaches to speaks HTTPS (read when the Gateway can be),
 * else `http://`.
 */
export async function routeUrls(kube: Kube, route: HttpRoute): Promise<string[]> {
  let https = false;
  for (const ref of route.spec?.parentRefs ?? []) {
    const gw = (await kube.objects
      .read({
        apiVersion: "gateway.networking.k8s.io/v1",
        kind: "Gateway",
        metadata: { name: ref.name, namespace: ref.namespace ?? route.metadata?.namespace ?? "default" },
      } as never)
      .catch(() => undefined)) as Gateway | undefined;
    const listeners = (gw?.spec?.listeners ?? []).filter(
      (l) => !ref.sectionName || l.name === ref.sectionName,
    );
    if (listeners.some((l) => l.protocol === "HTTPS")) https = true;
  }
  const paths = [
    ...new Set((route.spec?.rules ?? []).flatMap((r) => (r.matches ?? []).map((m) => m.path?.value ?? "/"))),
  ];
  const hosts = route.spec?.hostnames?.length ? route.spec.hostnames : ["*"];
  return hosts.flatMap((h) =>
    (paths.length ? paths : ["/"]).map((p) => `${https ? "https" : "http"}://${h}${p}`),
  );
}

/** Every URL of a release's ingresses and HTTPRoutes (label `app.kubernetes.io/instance=<release>`), sorted. */
export async function serviceUrls(kube: Kube, namespace: string, release: string): Promise<string[]> {
  const labelSelector = `app.kubernetes.io/instance=${release}`;
  const ingresses = await kube.objects
    .list(
      "networking.k8s.io/v1",
      "Ingress",
      namespace,
      undefined,
      undefined,
      undefined,
      undefined,
      labelSelector,
    )
    .then((l) => (l as unknown as { items: V1Ingress[] }).items);
  let routes: HttpRoute[] = [];
  try {
    routes = (
      (await kube.objects.list(
        "gateway.networking.k8s.io/v1",
        "HTTPRoute",
        namespace,
        undefined,
        undefined,
        undefined,
        undefined,
        labelSelector,
      )) as unknown as { items: HttpRoute[] }
    ).items;
  } catch (e) {
    // A cluster without the Gateway API has no routes.
    if (statusOf(e) !== 404) throw e;
  }
  const urls = [
    ...ingresses.flatMap(ingressUrls),
    ...(await Promise.all(routes.map((r) => routeUrls(kube, r)))).flat(),
  ];
  return [...new Set(urls)].sort();
}
