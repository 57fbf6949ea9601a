import type { HomelabConfig } from "./schema.ts";

/** Key names that usually hold a credential. */
const CREDENTIAL_KEY =
  /(PASSWORD|PASSWD|PASSPHRASE|TOKEN|SECRET|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIALS?)$/i;
/** ...unless they only name or point at one (`DB_PASSWORD_FILE`, `existingSecret`, `secretName`). */
const REFERENCE_KEY = /(_FILE|_PATH|_NAME|_REF|File|Path|Name|Ref|^existingSecret)$/;

/** A plain value under `services.<name>.values` whose key looks like a credential. */
export interface CredentialLikeValue {
  service: string;
  path: (string | number)[];
}

/**
 * Plain (string or number) values whose key looks like a credential (PASSWORD, TOKEN,
 * SECRET, API_KEY, ...): they end up in the HelmChart in kube-system, readable by anyone who
 * can read HelmCharts. Templates (`{{ ... }}`) and empty values are left alone.
 */
export function credentialLikeValues(config: HomelabConfig): CredentialLikeValue[] {
  const found: CredentialLikeValue[] = [];
  const walk = (service: string, value: unknown, path: (string | number)[]) => {
    if (Array.isArray(value)) value.forEach((v, i) => walk(service, v, [...path, i]));
    else if (value !== null && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) {
        if (looksLikeCredential(k, v)) found.push({ service, path: [...path, k] });
        else walk(service, v, [...path, k]);
      }
    }
  };
  for (const [name, s] of Object.entries(config.services))
    walk(name, s.values ?? {}, ["services", name, "values"]);
  return found;
}

function looksLikeCredential(key: string, value: unknown): boolean {
  if (!CREDENTIAL_KEY.test(key) || REFERENCE_KEY.test(key)) return false;
  if (typeof value === "number") return true;
  // `NAME: { value: ... }`, the chart kit v2 form of an env entry.
  const plain =
    value !== null && typeof value === "object" && "value" in value
      ? (value as { value: unknown }).value
      : value;
  if (typeof plain === "number") return true;
  return typeof plain === "string" && plain.trim() !== "" && !plain.includes("{{");
}
