import { confinedPath } from "../config/confined-path.ts";
import type { ConfigViolation } from "../config/validate-config.ts";
import type { ChartSource } from "./chart-source-schema.ts";
import { readRepoCA } from "./repo-ca.ts";

/** What this module reads of a service entry. */
interface Entry {
  enabled?: boolean;
  chart?: ChartSource;
}

/**
 * The names under `services:` that give a `chart:` (upstream charts): the schema lets these
 * be any name, while every other name must be a service of apps/.
 */
export function upstreamServiceNames(raw: unknown): string[] {
  const services = (raw as { services?: unknown } | null)?.services;
  if (!services || typeof services !== "object" || Array.isArray(services)) return [];
  return Object.entries(services as Record<string, unknown>)
    .filter(([, s]) => s !== null && typeof s === "object" && "chart" in s)
    .map(([name]) => name)
    .sort();
}

/**
 * Checks of `chart:` that the schema cannot express: `repo` with `name`, or `oci` (not
 * both), `plainHttp` only with `oci`, no credentials in a URL, `authSecret` over plain
 * `http://` only with `allowInsecureCredentials`, and a `repoCA` file under the config's
 * directory that holds PEM certificates and nothing else. Makes `repoCA` absolute (its real
 * path, relative to the config file's directory).
 */
export function chartSourceViolations(
  services: Readonly<Record<string, Entry>>,
  base: string,
): ConfigViolation[] {
  const out: ConfigViolation[] = [];
  for (const [name, s] of Object.entries(services).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const c = s.chart;
    if (!c) continue;
    const at = (...keys: string[]) => ["services", name, "chart", ...keys];
    if (c.repo && c.oci) {
      out.push({
        path: at("oci"),
        problem: "gives both repo and oci",
        fix: "keep one: repo + name for a Helm repository, or oci for an OCI registry",
      });
    } else if (!c.repo && !c.oci) {
      out.push({
        path: at(),
        problem: "names no source",
        fix: "add repo: <URL> and name: <chart> (a Helm repository), or oci: oci://<registry>/<path>/<chart>",
      });
    } else if (c.repo && !c.name) {
      out.push({
        path: at("name"),
        problem: "is missing (a Helm repository holds many charts)",
        fix: `add name: <the chart's name in ${c.repo}>`,
      });
    } else if (c.oci && c.name) {
      out.push({
        path: at("name"),
        problem: "is not used with oci (the chart's name is the last part of the oci reference)",
        fix: "remove name, or end the oci reference with the chart's name",
      });
    }
    if (c.authSecret && c.oci) {
      out.push({
        path: at("authSecret"),
        problem: "is for Helm repositories; credentials for an OCI registry are not supported yet",
        fix: "use a registry that allows anonymous pulls, or serve the chart from a Helm repository (repo + name) with authSecret",
      });
    }
    if (c.plainHttp && !c.oci) {
      out.push({
        path: at("plainHttp"),
        problem: "only applies to oci",
        fix: "remove it; a Helm repository's URL says http:// or https:// itself",
      });
    }
    out.push(...credentialViolations(c, at));
    if (c.repoCA !== undefined) {
      const fix =
        "give the path (relative to this file) of the CA certificate in PEM form (-----BEGIN CERTIFICATE-----)";
      const confined = confinedPath(c.repoCA, base, "config-dir");
      if ("problem" in confined) {
        out.push({ path: at("repoCA"), problem: confined.problem, fix: confined.fix });
        continue;
      }
      c.repoCA = confined.path;
      const ca = readRepoCA(confined.path);
      if ("problem" in ca) out.push({ path: at("repoCA"), problem: ca.problem, fix });
    }
  }
  return out;
}

/**
 * Credentials in a URL (`https://user:password@host`) would be copied into the HelmChart, its
 * annotation and messages: refused, without repeating them. Basic auth over plain http:// is
 * readable by anyone on the way: refused unless `allowInsecureCredentials` says so.
 */
function credentialViolations(
  c: ChartSource,
  at: (...keys: string[]) => (string | number)[],
): ConfigViolation[] {
  const out: ConfigViolation[] = [];
  for (const key of ["repo", "oci"] as const) {
    const url = c[key];
    if (url && hasUserInfo(url))
      out.push({
        path: at(key),
        problem:
          "has credentials in the URL (user:password@ before the host): they would be copied into the HelmChart and into messages",
        fix: "remove them from the URL, and give the repository's credentials with chart.authSecret (from the environment or .env)",
      });
  }
  const plain = c.repo?.startsWith("http://") === true;
  if (c.authSecret && plain && c.allowInsecureCredentials !== true)
    out.push({
      path: at("authSecret"),
      problem: `would send the user name and password in clear text: ${c.repo} is plain http://, so anyone on the network path can read them`,
      fix: "serve the repository over https:// (with chart.repoCA for your own CA); or, on a network you trust, accept the risk with allowInsecureCredentials: true",
    });
  if (c.allowInsecureCredentials !== undefined && !(c.authSecret && plain))
    out.push({
      path: at("allowInsecureCredentials"),
      problem: "only applies to authSecret with a plain http:// repo",
      fix: "remove it",
    });
  return out;
}

/** Whether a URL names a user (and maybe a password) before its host. */
function hasUserInfo(url: string): boolean {
  const authority = /^[a-z]+:\/\/([^/?#]*)/i.exec(url)?.[1] ?? "";
  return authority.includes("@");
}
