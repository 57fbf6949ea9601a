import type { GetOptions, GetResult } from "./http-get.ts";
import { httpGet } from "./http-get.ts";

/** `oci://ghcr.io/org/charts/app` -> registry `ghcr.io`, repository `org/charts/app`. */
export function parseOciRef(ref: string): { registry: string; repository: string } {
  const rest = ref.replace(/^oci:\/\//, "");
  const slash = rest.indexOf("/");
  return { registry: rest.slice(0, slash), repository: rest.slice(slash + 1) };
}

/** Why the tags could not be listed. */
export class RegistryError extends Error {
  override readonly name = "RegistryError";
}

export interface TagOptions extends GetOptions {
  plainHttp?: boolean;
}

/**
 * The tags of an OCI repository, through the registry API (`/v2/<repository>/tags/list`,
 * following `Link` pages), with the anonymous bearer-token exchange that public registries
 * ask for. Helm writes a chart version's `+` as `_` in tags; they are turned back.
 */
export async function listOciTags(ref: string, options: TagOptions = {}): Promise<string[]> {
  const { registry, repository } = parseOciRef(ref);
  const base = `${options.plainHttp ? "http" : "https"}://${registry}`;
  let next: string | undefined = `${base}/v2/${repository}/tags/list?n=1000`;
  const tags: string[] = [];
  let headers = { ...options.headers };
  for (let page = 0; next && page < 20; page++) {
    let res = await httpGet(next, { ...options, headers });
    if (res.status === 401) {
      const token = await bearerToken(res, options);
      if (token) {
        headers = { ...headers, authorization: `Bearer ${token}` };
        res = await httpGet(next, { ...options, headers });
      }
    }
    if (res.status === 404) return [];
    if (res.status !== 200)
      throw new RegistryError(
        `${next} answered ${res.status}${res.status === 401 || res.status === 403 ? " (credentials needed or refused)" : ""}`,
      );
    const body = JSON.parse(res.body.toString("utf8")) as { tags?: string[] | null };
    tags.push(...(body.tags ?? []));
    next = nextPage(res, base);
  }
  return tags.map((t) => t.replace(/_/g, "+"));
}

/** The token a `WWW-Authenticate: Bearer realm=...,service=...,scope=...` challenge leads to. */
async function bearerToken(challenge: GetResult, options: GetOptions): Promise<string | undefined> {
  const header = challenge.headers["www-authenticate"];
  const text = Array.isArray(header) ? header[0] : header;
  if (!text || !/^Bearer /i.test(text)) return undefined;
  const params = Object.fromEntries(
    [...text.slice(7).matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]),
  );
  if (!params.realm) return undefined;
  const url = new URL(params.realm);
  if (params.service) url.searchParams.set("service", params.service);
  if (params.scope) url.searchParams.set("scope", params.scope);
  const res = await httpGet(url.toString(), options);
  if (res.status !== 200) return undefined;
  const body = JSON.parse(res.body.toString("utf8")) as { token?: string; access_token?: string };
  return body.token ?? body.access_token;
}

function nextPage(res: GetResult, base: string): string | undefined {
  const link = res.headers.link;
  const text = Array.isArray(link) ? link[0] : link;
  const m = text ? /<([^>]+)>;\s*rel="next"/.exec(text) : null;
  return m ? new URL(m[1]!, base).toString() : undefined;
}
