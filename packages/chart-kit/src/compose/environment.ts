/**
 * Compose `environment` (mapping and list forms) and `env_file`, and which
 * variable names look like secrets.
 */
import type { ComposeFile, KeyPath } from "./compose-file.ts";
import { fail, isObj } from "./compose-file.ts";

export interface EnvEntry {
  name: string;
  /** The value as text; undefined when Compose passes it through from the host's environment. */
  value?: string;
}

type Where = Pick<ComposeFile, "where">;

const NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

const text = (v: unknown): string | undefined => (v === null || v === undefined ? undefined : String(v));

/** The variables of a service's `environment`, in file order. */
export function parseEnvironment(compose: Where, value: unknown, at: KeyPath): EnvEntry[] {
  if (value === undefined || value === null) return [];
  let entries: EnvEntry[];
  if (Array.isArray(value)) {
    entries = value.map((item: unknown) => {
      const s = String(item);
      const eq = s.indexOf("=");
      return eq < 0 ? { name: s } : { name: s.slice(0, eq), value: s.slice(eq + 1) };
    });
  } else if (isObj(value)) {
    entries = Object.entries(value).map(([name, v]) => {
      const t = text(v);
      return t === undefined ? { name } : { name, value: t };
    });
  } else {
    fail(compose, at, "is neither a mapping nor a list", "write KEY: value lines, or a list of KEY=value");
  }
  entries.forEach((e, i) => {
    if (!NAME.test(e.name)) {
      fail(
        compose,
        Array.isArray(value) ? [...at, i] : [...at, e.name],
        `"${e.name}" is not a variable name Kubernetes accepts`,
        "use letters, digits, `_`, `-` and `.`, not starting with a digit",
      );
    }
  });
  return entries;
}

/** The files of a service's `env_file` (a path, a list of paths, or a list of { path, required }). */
export function parseEnvFiles(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((e: unknown) => (isObj(e) ? String(e.path ?? "") : String(e)));
}

const SECRET_WORDS =
  /(PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIALS?|(^|_)(PASS|PWD|KEY|SALT|PSK)$)/i;
/** Names that hold a path or a setting about a secret, not the secret. */
const NOT_SECRET =
  /_(FILE|PATH|DIR|LENGTH|TTL|EXPIRY|EXPIRATION|ENABLED|ALGORITHM|TYPE|URL|URI|HOST|PORT|USER|USERNAME|NAME)$/i;

/** True when a variable's name says it holds a secret (password, token, key...). */
export const looksSecret = (name: string): boolean => SECRET_WORDS.test(name) && !NOT_SECRET.test(name);
