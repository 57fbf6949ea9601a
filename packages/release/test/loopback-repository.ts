import { cpSync, mkdtempSync, readFileSync } from "node:fs";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { createServer } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "@homelab/sandbox";
import { findTool } from "@homelab/toolbox";
import { execa } from "execa";
import { root } from "./helpers.ts";

/** The fixture charts the upstream tests package and serve. */
export const UPSTREAM_FIXTURES = join(root, "packages", "release", "test", "fixtures", "upstream-charts");

/** A Helm repository on loopback, serving the same archives at `/public/` and (with basic auth) `/private/`. */
export interface LoopbackRepository {
  /** `http(s)://127.0.0.1:<port>`: the repositories are `${url}/public` and `${url}/private`. */
  url: string;
  /** Where the archives and index.yaml are. */
  dir: string;
  close(): void;
}

/**
 * Packages fixture charts with the real `helm package` (each `[chart, version]`), indexes them
 * with the real `helm repo index` (relative URLs) and serves them on loopback (over HTTPS
 * with `tls`'s key and certificate).
 */
export async function startLoopbackRepository(
  charts: readonly [string, string][],
  auth: { user: string; password: string },
  tls?: { key: string; cert: string },
): Promise<LoopbackRepository> {
  const helm = findTool("helm");
  const dir = mkdtempSync(join(tmpdir(), "upstream-repo-"));
  const work = mkdtempSync(join(tmpdir(), "upstream-charts-"));
  cpSync(UPSTREAM_FIXTURES, work, { recursive: true });
  for (const [chart, version] of charts)
    await execa(helm, ["package", join(work, chart), "--version", version, "--destination", dir]);
  await execa(helm, ["repo", "index", dir]);
  const expected = `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString("base64")}`;
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const m = /^\/(public|private)\/([\w.-]+)$/.exec(req.url ?? "");
    if (!m) return void res.writeHead(404).end();
    if (m[1] === "private" && req.headers.authorization !== expected) {
      return void res.writeHead(401, { "www-authenticate": 'Basic realm="charts"' }).end();
    }
    try {
      res.writeHead(200).end(readFileSync(join(dir, m[2]!)));
    } catch {
      res.writeHead(404).end();
    }
  };
  const server: Server = tls ? createHttpsServer(tls, handler) : createServer(handler);
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve()));
  return { url: `${tls ? "https" : "http"}://127.0.0.1:${port}`, dir, close: () => server.close() };
}
