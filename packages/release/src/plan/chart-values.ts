/**
 * Everything the release knows about the charts' values model, in one place. When the model
 * changes, this is the file to change. Known models:
 * - chart kit v1: a controller's pod annotations at `controllers.<id>.podAnnotations`;
 * - chart kit v2 (homelab-common, bjw-s app-template names): `controllers.<id>.pod.annotations`.
 * Both: a chart secret given by the installer at `secrets.<id>.existingSecret`; pods labelled
 * `app.kubernetes.io/instance: <release>` and `app.kubernetes.io/component: <controller id>`.
 * Which model a chart uses is read from its own values.schema.json, so both can be released
 * side by side while the charts migrate.
 */

/** Label of every object a release of the chart renders: the helm release (= HelmChart) name. */
export const RELEASE_LABEL = "app.kubernetes.io/instance";
/** Label of a pod template naming the controller id it belongs to. */
export const CONTROLLER_LABEL = "app.kubernetes.io/component";

type Values = Record<string, unknown>;
interface SchemaNode {
  properties?: Record<string, SchemaNode>;
  patternProperties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
}

/** The chart's secret ids: the keys of `secrets` in its default values. */
export function chartSecretIds(defaultValues: Values): string[] {
  const secrets = defaultValues.secrets;
  return secrets && typeof secrets === "object" ? Object.keys(secrets).sort() : [];
}

/** `values` with each of `secretNames` (chart secret id -> Secret name) as the chart's existingSecret. */
export function withExistingSecrets(values: Values, secretNames: Record<string, string>): Values {
  if (Object.keys(secretNames).length === 0) return values;
  const out = structuredClone(values);
  const secrets = ((out.secrets as Record<string, Values> | undefined) ??= {});
  for (const [id, name] of Object.entries(secretNames))
    secrets[id] = { ...secrets[id], existingSecret: name };
  return out;
}

/**
 * Where, under `controllers.<id>`, the chart takes the pods' annotations: read from the
 * chart's values.schema.json (v2 has `pod`, v1 `podAnnotations`). Undefined when neither.
 */
export function podAnnotationsKey(valuesSchema: SchemaNode, controllerId: string): string[] | undefined {
  const controllers = valuesSchema.properties?.controllers;
  const extra = controllers?.additionalProperties;
  const byPattern = Object.entries(controllers?.patternProperties ?? {}).find(([pattern]) =>
    new RegExp(pattern).test(controllerId),
  )?.[1];
  const controller =
    controllers?.properties?.[controllerId] ?? byPattern ?? (typeof extra === "object" ? extra : undefined);
  const props = controller?.properties ?? {};
  if (props.pod) return ["pod", "annotations"];
  if (props.podAnnotations) return ["podAnnotations"];
  return undefined;
}

/** `values` with `annotations` added to the pods of controller `controllerId`, at `key` (from podAnnotationsKey). */
export function withPodAnnotations(
  values: Values,
  controllerId: string,
  key: readonly string[],
  annotations: Record<string, string>,
): Values {
  const out = structuredClone(values);
  const controllers = ((out.controllers as Record<string, Values> | undefined) ??= {});
  let at: Values = (controllers[controllerId] ??= {});
  for (const step of key.slice(0, -1)) {
    at[step] ??= {};
    at = at[step] as Values;
  }
  const last = key.at(-1)!;
  at[last] = { ...(at[last] as Record<string, string> | undefined), ...annotations };
  return out;
}
