/** The in-cluster name of another component of the same chart. */

/**
 * A Helm template that renders the name of the chart's objects for component `id`: the Service of
 * the controller `id` (`service.<id>`), and so its host name inside the release's namespace.
 * Values that pass through tpl (env, configMaps, ...) use it to reach a sibling controller, e.g.
 * `postgres` or `redis`, whatever the release is called.
 *
 * @example
 * env: { REDIS_HOST: componentName("redis") }   // renders e.g. "immich-redis"
 */
export function componentName(id: string): string {
  return `{{ include "homelab.componentName" (dict "root" . "id" "${id}") }}`;
}
