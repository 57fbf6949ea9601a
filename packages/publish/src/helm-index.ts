import { existsSync, readFileSync } from "node:fs";
import YAML from "yaml";

/** One chart version in a Helm repository index: its Chart.yaml fields plus urls and digest. */
export interface IndexEntry {
  name: string;
  version: string;
  digest: string;
  urls: string[];
  [field: string]: unknown;
}

/** A Helm repository's index.yaml. */
export interface HelmIndex {
  apiVersion: "v1";
  entries: Record<string, IndexEntry[]>;
}

/** Reads an index.yaml; an empty index when the file does not exist. */
export function readIndex(file: string): HelmIndex {
  if (!existsSync(file)) return { apiVersion: "v1", entries: {} };
  const parsed = YAML.parse(readFileSync(file, "utf8")) as Partial<HelmIndex> | null;
  return { apiVersion: "v1", entries: parsed?.entries ?? {} };
}

/** Compares semantic versions (pre-releases before their release). */
export function compareVersions(a: string, b: string): number {
  const [ma, pa] = a.split("-", 2) as [string, string | undefined];
  const [mb, pb] = b.split("-", 2) as [string, string | undefined];
  const na = ma.split(".").map(Number);
  const nb = mb.split(".").map(Number);
  for (let i = 0; i < 3; i++) if ((na[i] ?? 0) !== (nb[i] ?? 0)) return (na[i] ?? 0) - (nb[i] ?? 0);
  if (pa === pb) return 0;
  if (pa === undefined) return 1;
  if (pb === undefined) return -1;
  return pa < pb ? -1 : 1;
}

/** The index with an entry added; older versions are always kept. Newest first, as helm writes it. */
export function addEntry(index: HelmIndex, entry: IndexEntry): HelmIndex {
  const versions = (index.entries[entry.name] ?? []).filter((e) => e.version !== entry.version);
  versions.push(entry);
  versions.sort((a, b) => compareVersions(b.version, a.version));
  return { apiVersion: "v1", entries: { ...index.entries, [entry.name]: versions } };
}

/** index.yaml text: charts sorted by name, versions newest first, keys sorted, no timestamps. */
export function renderIndex(index: HelmIndex): string {
  const entries = Object.fromEntries(
    Object.keys(index.entries)
      .sort()
      .map((name) => [name, index.entries[name]]),
  );
  return YAML.stringify({ apiVersion: "v1", entries }, { sortMapEntries: true, lineWidth: 0 });
}
