import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";

export interface GetOptions {
  /** PEM CA bundle trusted for HTTPS (besides nothing else: like helm's --ca-file). */
  ca?: string;
  headers?: Record<string, string>;
  /** Default: 64 MiB (a large repository's index.yaml is tens of MB). */
  maxBytes?: number;
  /** Default: 30 s. */
  timeoutMs?: number;
}

export interface GetResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** The URL answered last (after redirects). */
  url: string;
}

/** A request that got no HTTP answer (DNS, connection, TLS, timeout, too large). */
export class HttpGetError extends Error {
  override readonly name = "HttpGetError";
}

/**
 * GET `url` over HTTP(S), following up to 5 redirects; any status is returned, not thrown.
 * Credentials (Authorization) are dropped on a redirect to another origin (another host, or
 * https:// to http://), as helm does for another host.
 */
export async function httpGet(url: string, options: GetOptions = {}, redirects = 5): Promise<GetResult> {
  const target = new URL(url);
  const request = target.protocol === "https:" ? httpsRequest : httpRequest;
  const max = options.maxBytes ?? 64 * 1024 * 1024;
  const result = await new Promise<GetResult>((resolve, reject) => {
    const req = request(
      target,
      {
        method: "GET",
        headers: { "user-agent": "homelab-release", ...options.headers },
        ...(options.ca ? { ca: options.ca } : {}),
        timeout: options.timeoutMs ?? 30_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (c: Buffer) => {
          size += c.length;
          if (size > max) {
            req.destroy(new HttpGetError(`${url}: answer larger than ${max} bytes`));
            return;
          }
          chunks.push(c);
        });
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), url }),
        );
        res.on("error", reject);
      },
    );
    req.on("timeout", () =>
      req.destroy(
        new HttpGetError(`${url}: no answer within ${Math.round((options.timeoutMs ?? 30_000) / 1000)} s`),
      ),
    );
    req.on("error", (e) => reject(e instanceof HttpGetError ? e : new HttpGetError(`${url}: ${e.message}`)));
    req.end();
  });
  const location = result.headers.location;
  if (result.status >= 300 && result.status < 400 && typeof location === "string" && redirects > 0) {
    const next = new URL(location, url);
    const headers = { ...options.headers };
    if (next.origin !== target.origin) delete headers.authorization;
    return httpGet(next.toString(), { ...options, headers }, redirects - 1);
  }
  return result;
}

/** `Basic <base64>` for a user and password. */
export const basicAuth = (username: string, password: string) =>
  `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
