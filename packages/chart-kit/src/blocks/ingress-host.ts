/** The host name the chart's Ingress serves, for env and config that need the public URL. */

/**
 * A Helm template that renders the first host of `ingress.<id>` (tpl): the public host name, so
 * that a base URL, trusted domain or allowed host follows what the installer sets in
 * `ingress.<id>.hosts`.
 *
 * @param id The Ingress id. Default: `"main"`.
 * @example
 * env: { DOMAIN: `https://${ingressHost()}` }
 */
export function ingressHost(id = "main"): string {
  return `{{ (index .Values.ingress.${id}.hosts 0).host }}`;
}
