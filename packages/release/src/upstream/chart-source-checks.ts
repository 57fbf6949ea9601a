import { readFileSync, statSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import type { ConfigViolation } from "../config/validate-config.ts";
import type { ChartSource } from "./chart-source-schema.ts";

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
 * both), `plainHttp` only with `oci`, and a `repoCA` file that exists and holds a PEM
 * certificate. Makes `repoCA` absolute (relative to the config file's directory).
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
    if (c.repoCA !== undefined) {
      const file = isAbsolute(c.repoCA) ? c.repoCA : resolve(base, c.repoCA);
      let text = "";
      try {
        if (statSync(file).isFile()) text = readFileSync(file, "utf8");
      } catch {
        // reported below
      }
      if (!text.includes("-----BEGIN CERTIFICATE-----")) {
        out.push({
          path: at("repoCA"),
          problem: text ? `${file} holds no PEM certificate` : `${file} is not a file`,
          fix: "give the path (relative to this file) of the CA certificate in PEM form (-----BEGIN CERTIFICATE-----)",
        });
      }
      c.repoCA = file;
    }
  }
  return out;
}
