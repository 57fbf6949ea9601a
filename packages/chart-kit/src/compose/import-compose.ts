/**
 * `homelab-chart import`: one Compose service (with the services it depends
 * on) as the text of a draft `src/service.ts` in the v2 model, with a comment
 * on each decision a person must confirm and every Compose key it could not
 * import listed, both at the top of the draft and in `warnings`.
 */
import { ExitCode, FixableError } from "@homelab/errors";
import type { Obj } from "./compose-file.ts";
import { isObj, parseCompose } from "./compose-file.ts";
import { Draft, SECRET_ID } from "./draft.ts";
import { draftController } from "./draft-controller.ts";
import { parseEnvFiles } from "./environment.ts";
import { interpolate } from "./interpolate.ts";
import { renderDraft } from "./render-draft.ts";
import { controllerId, selectServices } from "./select-services.ts";

export interface ImportComposeOptions {
  /**
   * The Compose service to import (the `main` controller), or several (the first is
   * `main`); the services they depend on come along. Default: the file's only service.
   */
  service?: string | readonly string[];
  /** The chart name. Default: the Compose project `name:`, else the service's name. */
  name?: string;
  /** The file name errors and the draft's header name. Default: `compose.yaml`. */
  file?: string;
}

export interface ImportComposeResult {
  /** The text of `src/service.ts`. */
  source: string;
  /** What was not imported or needs a person, one line each (`services.x.key: ...`). */
  warnings: string[];
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Interpolates every string of `value`; records each variable left unresolved with where it was used. */
function interpolateAll(value: unknown, path: string, unresolved: Map<string, string[]>): unknown {
  if (typeof value === "string") {
    const r = interpolate(value);
    for (const v of r.unresolved) unresolved.set(v, [...(unresolved.get(v) ?? []), path]);
    return r.value;
  }
  if (Array.isArray(value)) return value.map((v, i) => interpolateAll(v, `${path}[${i}]`, unresolved));
  if (isObj(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, interpolateAll(v, `${path}.${k}`, unresolved)]),
    );
  }
  return value;
}

function chartName(options: ImportComposeOptions, projectName: string | undefined, first: string): string {
  if (options.name !== undefined) {
    if (!DNS_LABEL.test(options.name) || options.name.length > 53) {
      throw new FixableError(
        `--name "${options.name}" is not a DNS-1123 label of at most 53 characters`,
        "use lowercase letters, digits and dashes, e.g. immich",
        { exitCode: ExitCode.usage },
      );
    }
    return options.name;
  }
  return controllerId(projectName ?? first).slice(0, 53);
}

/** A TODO on each container whose Compose service read an env_file, naming the generated secrets it can use. */
function noteEnvFiles(draft: Draft, services: ReadonlyMap<string, Obj>): void {
  const generated = Object.keys((draft.values.secrets[SECRET_ID]?.generate as Obj | undefined) ?? {});
  for (const [service, svc] of services) {
    const files = parseEnvFiles(svc.env_file);
    const cid = draft.controllerIds.get(service);
    const controller = cid ? draft.values.controllers[cid] : undefined;
    if (!files.length || !isObj(controller) || !isObj(controller.containers)) continue;
    const secrets = generated.length
      ? ` Generated secrets it may share: ${generated.join(", ")} ({ valueFrom: { secretKeyRef: { identifier: "${SECRET_ID}", key } } }).`
      : "";
    draft.notes.add(
      controller.containers,
      "main",
      `TODO: Compose read ${files.join(", ")} (env_file), which import does not read: add the variables it needs to env.${secrets}`,
    );
  }
}

/** Imports a Compose file's service as a draft service definition. Throws FixableError naming the file and key. */
export function importCompose(yamlText: string, options: ImportComposeOptions = {}): ImportComposeResult {
  const file = options.file ?? "compose.yaml";
  const compose = parseCompose(yamlText, file);
  const wanted =
    options.service === undefined
      ? []
      : typeof options.service === "string"
        ? [options.service]
        : [...options.service];
  const first = wanted[0] ?? [...compose.services.keys()][0] ?? "app";
  const name = chartName(options, compose.projectName, first);
  const selection = selectServices(compose, wanted, name);
  const unresolved = new Map<string, string[]>();
  const services = new Map<string, Obj>();
  for (const service of selection.controllers.keys()) {
    services.set(
      service,
      interpolateAll(compose.services.get(service), `services.${service}`, unresolved) as Obj,
    );
  }
  for (const [volume, spec] of compose.volumes) {
    compose.volumes.set(volume, interpolateAll(spec, `volumes.${volume}`, new Map()) as Obj);
  }
  const draft = new Draft(compose, name, selection.controllers);
  for (const [service, svc] of services) draftController(draft, service, svc);
  draft.collapseMounts();
  noteEnvFiles(draft, services);
  const main = [...selection.controllers.keys()][0] ?? first;
  for (const left of selection.left) {
    draft.warn(
      ["services", left],
      `not imported: ${main} does not depend on it. Fix: add --service ${left} to import it into this chart too, or import it as a chart of its own`,
    );
  }
  for (const [variable, paths] of unresolved) {
    draft.warnings.push(
      `\${${variable}} is not set: import reads neither .env nor the environment (used at ${paths.join(", ")}); see the TODOs there`,
    );
  }
  return {
    source: renderDraft(draft, { file, services: [...selection.controllers.keys()] }),
    warnings: [...draft.warnings],
  };
}
