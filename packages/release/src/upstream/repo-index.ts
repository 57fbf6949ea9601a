import YAML from "yaml";
import type { GetOptions } from "./http-get.ts";
import { httpGet } from "./http-get.ts";

/** One chart version of a Helm repository's index.yaml. */
export interface IndexEntry {
  name: string;
  version: string;
  urls?: string[];
  /** sha256 (hex) of the archive. */
  digest?: string;
}

/** A Helm repository's index: chart name -> its versions. */
export type RepoIndex = Record<string, IndexEntry[]>;

/** Why a repository's index could not be read: the URL and what came back. */
export class RepoIndexError extends Error {
  override readonly name = "RepoIndexError";
}

/** `<repo>/index.yaml` (a trailing slash on the repository URL is fine). */
export const indexUrl = (repo: string) => `${repo.replace(/\/+$/, "")}/index.yaml`;

/** Reads and parses a Helm repository's index.yaml. */
export async function readRepoIndex(repo: string, options: GetOptions = {}): Promise<RepoIndex> {
  const url = indexUrl(repo);
  const res = await httpGet(url, options);
  if (res.status === 401 || res.status === 403) {
    throw new RepoIndexError(
      `${url} answered ${res.status} (${res.status === 401 ? "credentials needed" : "credentials refused"})`,
    );
  }
  if (res.status !== 200)
    throw new RepoIndexError(
      `${url} answered ${res.status}, not 200 with an index.yaml: is ${repo} a Helm repository?`,
    );
  let doc: unknown;
  try {
    doc = YAML.parse(res.body.toString("utf8"), { maxAliasCount: 100 });
  } catch (e) {
    throw new RepoIndexError(`${url} is not YAML: ${(e as Error).message.split("\n")[0]}`);
  }
  const entries = (doc as { entries?: unknown } | null)?.entries;
  if (!entries || typeof entries !== "object")
    throw new RepoIndexError(`${url} has no entries: is ${repo} a Helm repository?`);
  return entries as RepoIndex;
}

/** The URL of an entry's archive, resolved against the repository URL when relative. */
export function archiveUrl(repo: string, entry: IndexEntry): string | undefined {
  const first = entry.urls?.[0];
  return first ? new URL(first, `${repo.replace(/\/+$/, "")}/`).toString() : undefined;
}
