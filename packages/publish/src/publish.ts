import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  buildChart,
  buildInputOf,
  chartArchiveName,
  loadAllServices,
  packageChart,
} from "@homelab/chart-kit";
import { helm, HelmCommandError } from "@homelab/toolbox";
import { ExitCode, FixableError } from "@homelab/errors";
import YAML from "yaml";
import type { HelmIndex, IndexEntry } from "./helm-index.ts";
import { addEntry, readIndex, renderIndex } from "./helm-index.ts";
import type { SigningKey } from "./provenance.ts";
import { checkSigningKey, clearSign, provenanceMessage } from "./provenance.ts";

/** A chart whose content changed while its version is already published. */
export class VersionNotBumpedError extends FixableError {
  override readonly name = "VersionNotBumpedError";
  constructor(readonly charts: { name: string; version: string }[]) {
    super(
      `${charts.map((c) => `${c.name} ${c.version}`).join(", ")}: the chart's content changed but its version is already published`,
      "`pnpm changeset` (pick the service, describe the change), `pnpm version-packages`, then `pnpm build`",
    );
  }
}

/** `helm push` to the OCI registry failed; the static repository's index.yaml was not changed. */
export class OciPushError extends FixableError {
  override readonly name = "OciPushError";
  constructor(
    readonly chart: string,
    readonly version: string,
    readonly registry: string,
    readonly stderr: string,
  ) {
    super(
      `pushing ${chart} ${version} to ${registry} failed: ${stderr.trim().split("\n").at(-1)}. ` +
        "index.yaml was not updated, so nothing counts as published yet",
      "check the registry address and your login (helm registry login HOST), then run homelab-publish again",
      { exitCode: ExitCode.unreachable },
    );
  }
}

export interface PublishedChart {
  name: string;
  version: string;
  status: "published" | "already published";
  file?: string;
  /** The `.prov` file written beside the archive, when a signing key is configured. */
  provenance?: string;
  oci?: string;
}

export interface PublishOptions {
  /** Repository root (apps/ is read from here). */
  root: string;
  /** The Helm repository directory (index.yaml and archives). Default: `<root>/repo`. */
  repoDir?: string;
  /** Only check, write nothing. */
  check?: boolean;
  /** Push new versions to this OCI registry too, e.g. `oci://registry.example.org/charts`. */
  oci?: string;
  /** Talk plain HTTP to the OCI registry (a registry on localhost). Default: false, HTTPS. */
  ociPlainHttp?: boolean;
  /** Sign each new version: a `.prov` beside its archive (pushed with it to OCI too). Default: unsigned. */
  sign?: SigningKey;
}

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/** The index entry of a packaged chart: Chart.yaml's fields, its archive name and digest. */
export function indexEntry(chartYaml: string, archive: Buffer, fileName: string): IndexEntry {
  const meta = YAML.parse(chartYaml) as Record<string, unknown> & { name: string; version: string };
  return { ...meta, digest: sha256(archive), urls: [fileName] };
}

/**
 * Publishes every chart whose version is not in the repository's index yet:
 * writes its archive next to index.yaml and adds it to the index (older
 * versions are never dropped). Fails, writing nothing, when a published
 * version's content changed without a version bump.
 */
export async function publishCharts(options: PublishOptions): Promise<PublishedChart[]> {
  const repoDir = options.repoDir ?? join(options.root, "repo");
  const indexFile = join(repoDir, "index.yaml");
  let index: HelmIndex = readIndex(indexFile);
  const services = await loadAllServices(options.root);
  const notBumped: { name: string; version: string }[] = [];
  const pending: {
    name: string;
    version: string;
    archive: Buffer;
    entry: IndexEntry;
    chartYaml: string;
    prov?: string;
  }[] = [];
  const results: PublishedChart[] = [];
  for (const pkg of services.values()) {
    const name = pkg.definition.name;
    const files = buildChart(buildInputOf(pkg));
    const archive = packageChart(name, files);
    const fileName = chartArchiveName(name, pkg.version);
    const published = index.entries[name]?.find((e) => e.version === pkg.version);
    if (published) {
      if (published.digest !== sha256(archive)) notBumped.push({ name, version: pkg.version });
      else results.push({ name, version: pkg.version, status: "already published" });
      continue;
    }
    const chartYaml = files.get("Chart.yaml")!;
    pending.push({
      name,
      version: pkg.version,
      archive,
      chartYaml,
      entry: indexEntry(chartYaml, archive, fileName),
    });
  }
  if (notBumped.length > 0) throw new VersionNotBumpedError(notBumped);
  // Sign everything before writing anything: a key that fails leaves the repository as it was.
  if (options.sign && !options.check && pending.length > 0) {
    await checkSigningKey(options.sign);
    for (const p of pending)
      p.prov = await clearSign(
        provenanceMessage(p.chartYaml, p.archive, chartArchiveName(p.name, p.version)),
        options.sign,
      );
  }
  for (const p of pending) {
    const file = join(repoDir, chartArchiveName(p.name, p.version));
    const result: PublishedChart = { name: p.name, version: p.version, status: "published", file };
    if (!options.check) {
      mkdirSync(repoDir, { recursive: true });
      writeFileSync(file, p.archive);
      if (p.prov !== undefined) {
        result.provenance = `${file}.prov`;
        writeFileSync(result.provenance, p.prov);
      }
      index = addEntry(index, p.entry);
      if (options.oci) {
        try {
          await helm(["push", file, options.oci, ...(options.ociPlainHttp ? ["--plain-http"] : [])]);
        } catch (e) {
          if (e instanceof HelmCommandError) throw new OciPushError(p.name, p.version, options.oci, e.stderr);
          throw e;
        }
        result.oci = `${options.oci.replace(/\/$/, "")}/${p.name}:${p.version}`;
      }
    }
    results.push(result);
  }
  if (!options.check && pending.length > 0) writeFileSync(indexFile, renderIndex(index));
  return results.sort((a, b) => (a.name < b.name ? -1 : 1));
}
