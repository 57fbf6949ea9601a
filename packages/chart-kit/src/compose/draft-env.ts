/**
 * A service's `environment` and `env_file` as container env: values whose
 * names look like secrets become keys of one generated Secret (the same value
 * in two services, or the same variable, shares one key); names of sibling
 * services used as host names become their Services' names; variables import
 * cannot resolve become TODOs; `env_file` is listed, never read.
 */
import type { KeyPath, Obj } from "./compose-file.ts";
import type { Draft } from "./draft.ts";
import { SECRET_ID } from "./draft.ts";
import { looksSecret, parseEnvFiles, parseEnvironment } from "./environment.ts";
import { placeholdersIn, withoutPlaceholders } from "./interpolate.ts";

/** Variable names whose value is a host name (so a bare sibling name in them is one). */
const HOST_KEY = /HOST|ADDR|SERVER|ENDPOINT|BROKER|_URL$|_URI$|_DSN$/i;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A Go template that renders the Service name of controller `id`. */
export const serviceNameOf = (id: string): string =>
  `{{ include "homelab.componentName" (dict "root" . "id" "${id}") }}`;

/**
 * Replaces Compose service names used as hosts in `value` (`db`, `db:5432`,
 * `redis://redis:6379`, `user@db/x`) by their Services' names. Returns the
 * new value and the services replaced.
 */
export function rewriteHosts(
  name: string,
  value: string,
  controllerIds: ReadonlyMap<string, string>,
): { value: string; replaced: string[] } {
  const replaced: string[] = [];
  let out = value;
  for (const [service, id] of controllerIds) {
    const s = escapeRegExp(service);
    const whole = new RegExp(`^${s}$`);
    const hostPort = new RegExp(`^${s}(?=:\\d+(/|$))`);
    const inUrl = new RegExp(`(//|@)${s}(?=$|[:/?,])`, "g");
    const before = out;
    if (whole.test(out) && HOST_KEY.test(name)) out = serviceNameOf(id);
    else
      out = out
        .replace(hostPort, serviceNameOf(id))
        .replace(inUrl, (_m, p: string) => `${p}${serviceNameOf(id)}`);
    if (out !== before) replaced.push(service);
  }
  return { value: out, replaced };
}

/** Literal `{{` would be read as a template by the chart (env values pass through tpl). */
const escapeTemplate = (v: string) => v.replace(/\{\{/g, '{{ "{{" }}');

/** The env map of one container from compose service `svc` (at `at`); `extra` adds entries after Compose's. */
export function draftEnv(d: Draft, svc: Obj, at: KeyPath): Obj {
  const env: Obj = {};
  const entries = parseEnvironment(d.compose, svc.environment, [...at, "environment"]);
  for (const { name, value } of entries) {
    const vars = value === undefined ? [] : placeholdersIn(value);
    if (looksSecret(name)) {
      const whole = value !== undefined && vars.length === 1 && value === `\${${vars[0]}}`;
      const identity = whole ? `var:${vars[0]}` : value === undefined ? `env:${name}` : `literal:${value}`;
      const { key, created } = d.secretKey(identity, whole ? (vars[0] ?? name) : name);
      env[name] = { valueFrom: { secretKeyRef: { identifier: SECRET_ID, key } } };
      const origin =
        value === undefined
          ? "Compose passed it from the host's environment"
          : whole
            ? `Compose set it from \${${vars[0] ?? ""}}`
            : "the value in the Compose file is left out of this draft";
      d.notes.add(
        env,
        name,
        created
          ? `TODO: confirm it is a secret: the Secret "${SECRET_ID}" generates ${key} (32 characters) at install; ${origin}. ` +
              "A value the service needs in a given format: set it in secrets.app.stringData instead."
          : `The same generated value as ${key} (${origin}).`,
      );
      continue;
    }
    if (value === undefined) {
      env[name] = "";
      d.notes.add(env, name, "TODO: Compose passed it from the host's environment: give its value.");
      continue;
    }
    let text = escapeTemplate(withoutPlaceholders(value));
    const { value: rewritten, replaced } = rewriteHosts(name, text, d.controllerIds);
    text = rewritten;
    env[name] = text;
    if (vars.length) {
      d.notes.add(
        env,
        name,
        `TODO: was ${JSON.stringify(value)}: ${vars.map((v) => `\${${v}}`).join(", ")} comes from .env or the environment, which import does not read.`,
      );
    }
    if (replaced.length) {
      d.notes.add(
        env,
        name,
        `Was ${JSON.stringify(value)}: ${replaced.join(", ")} is reached through its Service's name here.`,
      );
    }
  }
  const files = parseEnvFiles(svc.env_file);
  if (files.length) {
    d.warn(
      [...at, "env_file"],
      `${files.join(", ")} is not read: add its variables to env (secrets through secrets.${SECRET_ID})`,
    );
  }
  return env;
}
