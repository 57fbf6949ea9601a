import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { helm, HelmCommandError } from "@homelab/toolbox";
import YAML from "yaml";
import { readDotEnv } from "../config/dotenv.ts";
import { ConfigError } from "../errors.ts";
import type { PackagedChart } from "../plan/desired-helmchart.ts";
import { readChartArchive } from "./chart-archive.ts";
import { readRepoCA } from "./repo-ca.ts";
import type { ChartSource } from "./chart-source-schema.ts";
import { listVersions, sameVersion } from "./chart-versions.ts";
import { basicAuth, httpGet, HttpGetError } from "./http-get.ts";
import { listOciTags, parseOciRef, RegistryError } from "./oci-registry.ts";
import type { IndexEntry } from "./repo-index.ts";
import { archiveUrl, readRepoIndex, RepoIndexError } from "./repo-index.ts";

/** An upstream chart, found at its pinned version and pulled, ready for `helm template`. */
export interface UpstreamChart {
  service: string;
  source: ChartSource;
  /** The pulled archive as the release handles its own charts (name = the service). */
  chart: PackagedChart;
  /** The repository's CA (PEM), from `repoCA`. */
  caPem?: string;
  /** Basic-auth credentials, from `authSecret`'s sources. */
  auth?: { username: string; password: string };
}

export interface ResolveInput {
  /** The config file as shown in messages. */
  file: string;
  /** Upstream services: name -> source (repoCA made absolute by chartSourceViolations). */
  services: ReadonlyMap<string, ChartSource>;
  envFile: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * Finds each upstream chart at its pinned version and pulls it: a Helm repository through its
 * index.yaml (the archive's sha256 checked against the index), an OCI registry with the real
 * `helm pull`. A chart or version that is not there is a ConfigError listing what the
 * repository has. Everything is read, nothing is written to a cluster.
 */
export async function resolveUpstreamCharts(
  input: ResolveInput,
): Promise<{ charts: Map<string, UpstreamChart>; errors: ConfigError[] }> {
  const dotenv = readDotEnv(input.envFile);
  const env = input.env ?? process.env;
  const charts = new Map<string, UpstreamChart>();
  const errors: ConfigError[] = [];
  await Promise.all(
    [...input.services].map(async ([service, source]) => {
      const fail = (key: string, problem: string, fix: string) =>
        errors.push(
          new ConfigError(input.file, `services.${service}.chart${key ? `.${key}` : ""}`, problem, fix),
        );
      // Only the certificates of repoCA (checked again: the file may have changed since the schema).
      const ca = source.repoCA ? readRepoCA(source.repoCA) : undefined;
      if (ca && "problem" in ca) {
        fail("repoCA", ca.problem, "give a PEM file of CA certificates only, under the config's directory");
        return;
      }
      const caPem = ca?.pem;
      let auth: UpstreamChart["auth"];
      if (source.authSecret) {
        const values = Object.fromEntries(
          (["username", "password"] as const).map((k) => {
            const variable = source.authSecret![k].env;
            const value = env[variable] ?? dotenv[variable];
            if (!value)
              fail(
                `authSecret.${k}`,
                `environment variable ${variable} is not set`,
                `export ${variable}=... or add it to ${input.envFile} (never commit it)`,
              );
            return [k, value ?? ""];
          }),
        ) as { username: string; password: string };
        if (!values.username || !values.password) return;
        auth = values;
      }
      const pulled = source.oci
        ? await pullOci(source, caPem, fail)
        : await pullFromRepo(source, caPem, auth, fail);
      if (!pulled) return;
      charts.set(service, {
        service,
        source,
        chart: packagedChart(service, source.version, pulled),
        ...(caPem ? { caPem } : {}),
        ...(auth ? { auth } : {}),
      });
    }),
  );
  return { charts, errors: errors.sort((a, b) => (a.field < b.field ? -1 : 1)) };
}

type Fail = (key: string, problem: string, fix: string) => void;

const privateFix =
  "check the URL and the network; a private repository needs chart.authSecret, one with its own CA chart.repoCA";

/** The archive of `name` at `version` from a Helm repository, checked against the index's digest. */
async function pullFromRepo(
  source: ChartSource,
  ca: string | undefined,
  auth: UpstreamChart["auth"],
  fail: Fail,
): Promise<Buffer | undefined> {
  const repo = source.repo!;
  const name = source.name!;
  const headers: Record<string, string> = auth
    ? { authorization: basicAuth(auth.username, auth.password) }
    : {};
  let index;
  try {
    index = await readRepoIndex(repo, { headers, ...(ca ? { ca } : {}) });
  } catch (e) {
    if (!(e instanceof RepoIndexError || e instanceof HttpGetError)) throw e;
    fail("repo", `cannot read the Helm repository's index: ${e.message}`, privateFix);
    return undefined;
  }
  const versions: IndexEntry[] = index[name] ?? [];
  if (versions.length === 0) {
    const names = Object.keys(index).sort();
    fail(
      "name",
      `the Helm repository ${repo} has no chart "${name}"`,
      names.length
        ? `use one of: ${names.slice(0, 30).join(", ")}${names.length > 30 ? ` and ${names.length - 30} more` : ""}`
        : "check repo: that repository lists no charts",
    );
    return undefined;
  }
  const entry = versions.find((v) => sameVersion(v.version, source.version));
  if (!entry) {
    fail(
      "version",
      `${name} has no version ${source.version} in ${repo} (it has: ${listVersions(versions.map((v) => v.version))})`,
      `pin one of the versions it has, e.g. version: ${
        listVersions(
          versions.map((v) => v.version),
          1,
        ).split(" ")[0]
      }`,
    );
    return undefined;
  }
  const url = archiveUrl(repo, entry);
  if (!url) {
    fail(
      "version",
      `the index of ${repo} gives no URL for ${name} ${entry.version}`,
      "ask the repository's maintainers, or pin another version",
    );
    return undefined;
  }
  // The credentials go only where the index came from (same scheme, host and port).
  const sameOrigin = new URL(url).origin === new URL(repo).origin;
  let res;
  try {
    res = await httpGet(url, { headers: sameOrigin ? headers : {}, ...(ca ? { ca } : {}) });
  } catch (e) {
    if (!(e instanceof HttpGetError)) throw e;
    fail("version", `cannot download ${name} ${entry.version}: ${e.message}`, privateFix);
    return undefined;
  }
  if (res.status !== 200) {
    fail("version", `downloading ${name} ${entry.version} from ${url} answered ${res.status}`, privateFix);
    return undefined;
  }
  const digest = createHash("sha256").update(res.body).digest("hex");
  if (entry.digest && entry.digest !== digest) {
    fail(
      "version",
      `${url} has sha256 ${digest}, not the ${entry.digest} its repository's index.yaml gives`,
      "the archive or the index was changed or damaged: tell the repository's maintainers; do not release it",
    );
    return undefined;
  }
  return res.body;
}

/** The archive of an OCI chart at `version`, pulled by the real helm; on failure, the tags there. */
async function pullOci(source: ChartSource, ca: string | undefined, fail: Fail): Promise<Buffer | undefined> {
  const ref = source.oci!;
  // The service's name is in no path and no argument (the schema allows only DNS labels anyway),
  // and the reference comes after `--`: nothing from the config is read as one of helm's options.
  const dir = mkdtempSync(join(tmpdir(), "homelab-oci-"));
  const flags = [...(source.plainHttp ? ["--plain-http"] : []), ...(ca ? ["--ca-file", source.repoCA!] : [])];
  try {
    await helm(["pull", "--version", source.version, "--destination", dir, ...flags, "--", ref]);
    const file = readdirSync(dir).find((f) => f.endsWith(".tgz"));
    if (!file) throw new HelmCommandError(`helm pull ${ref}`, 0, "no archive was written");
    return readFileSync(join(dir, file));
  } catch (e) {
    if (!(e instanceof HelmCommandError)) throw e;
    const helmSays =
      e.stderr
        .split("\n")
        .map((l) => l.trim())
        .filter(Boolean)[0] ?? "";
    let tags: string[] | undefined;
    try {
      tags = await listOciTags(ref, {
        ...(source.plainHttp ? { plainHttp: true } : {}),
        ...(ca ? { ca } : {}),
      });
    } catch (t) {
      if (!(t instanceof RegistryError || t instanceof HttpGetError || t instanceof SyntaxError)) throw t;
    }
    const { registry } = parseOciRef(ref);
    if (tags && tags.length === 0) {
      fail(
        "oci",
        `${registry} has no chart at ${ref} (no tags; helm: ${helmSays})`,
        "check the oci reference: oci://<registry>/<path>/<chart>, without a tag",
      );
    } else if (tags && !tags.some((t) => sameVersion(t, source.version))) {
      fail(
        "version",
        `${ref} has no version ${source.version} (it has: ${listVersions(tags)})`,
        `pin one of the versions it has, e.g. version: ${listVersions(tags, 1).split(" ")[0]}`,
      );
    } else {
      fail(
        "oci",
        `helm could not pull ${ref} ${source.version}: ${helmSays}`,
        `${privateFix}; a registry without TLS needs chart.plainHttp: true`,
      );
    }
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The pulled archive as a PackagedChart named after the service (its HelmChart's name). */
function packagedChart(service: string, version: string, archive: Buffer): PackagedChart {
  const files = readChartArchive(archive);
  const parse = <T>(text: string | undefined, as: (t: string) => unknown, fallback: T): T => {
    try {
      return text ? ((as(text) ?? fallback) as T) : fallback;
    } catch {
      return fallback;
    }
  };
  return {
    name: service,
    version,
    archive,
    digest: `sha256:${createHash("sha256").update(archive).digest("hex")}`,
    valuesSchema: parse(files.get("values.schema.json")?.toString("utf8"), JSON.parse, {}),
    defaultValues: parse(files.get("values.yaml")?.toString("utf8"), (t) => YAML.parse(t), {}),
  };
}
