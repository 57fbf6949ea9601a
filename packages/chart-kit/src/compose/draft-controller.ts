/**
 * One Compose service as one controller of the draft (its `main` container,
 * pod options, Services, volumes and exceptions), with a comment on each
 * decision a person must confirm.
 */
import { parseCommand } from "./command.ts";
import type { KeyPath, Obj } from "./compose-file.ts";
import { fail, isObj } from "./compose-file.ts";
import type { Draft } from "./draft.ts";
import { draftEnv } from "./draft-env.ts";
import type { NamedPort } from "./draft-ports.ts";
import { draftServices, namePorts } from "./draft-ports.ts";
import { draftSecurity } from "./draft-security.ts";
import { draftStorage } from "./draft-storage.ts";
import type { Healthcheck } from "./healthcheck.ts";
import { parseHealthcheck } from "./healthcheck.ts";
import { defaultPortOf, isDatabaseImage, parseImage } from "./image.ts";
import { placeholdersIn } from "./interpolate.ts";
import { parseExpose, parsePorts, uniquePorts } from "./ports.ts";
import { cpuQuantity, durationSeconds, quantity, sizeBytes, wholeSeconds } from "./quantities.ts";
import { dependsOn } from "./select-services.ts";
import { notImportedReason } from "./unsupported.ts";

const PULL_POLICIES: Record<string, string> = {
  always: "Always",
  never: "Never",
  missing: "IfNotPresent",
  if_not_present: "IfNotPresent",
};

function image(d: Draft, svc: Obj, at: KeyPath): { value: Obj; notes: string[]; database: boolean } {
  if (typeof svc.image !== "string" || !svc.image.trim()) {
    if (svc.build !== undefined) {
      fail(
        d.compose,
        [...at, "image"],
        "is missing: the service is built from source (build:)",
        "build the image, push it to a registry and set image: REPOSITORY:TAG",
      );
    }
    fail(d.compose, [...at, "image"], "is missing", "set image: REPOSITORY:TAG");
  }
  if (svc.build !== undefined)
    d.warn([...at, "build"], "not imported: the chart runs the image given in image:");
  const ref = parseImage(svc.image);
  const notes: string[] = [];
  if (ref.unpinned) {
    d.warn(
      [...at, "image"],
      `"${svc.image}" is not pinned: ${ref.unpinned}. The draft has tag "latest", which the build refuses until you pin a release`,
    );
    notes.push(
      `TODO: pin a release: Compose had "${svc.image}" (${ref.unpinned}); the build refuses "latest".`,
    );
  }
  const policy = svc.pull_policy === undefined ? undefined : PULL_POLICIES[String(svc.pull_policy)];
  if (svc.pull_policy !== undefined && !policy)
    d.warn(
      [...at, "pull_policy"],
      `"${String(svc.pull_policy)}" is not imported: the kubelet pulls IfNotPresent`,
    );
  const value = {
    repository: ref.repository,
    tag: ref.tag,
    ...(ref.digest ? { digest: ref.digest } : {}),
    ...(policy && policy !== "IfNotPresent" ? { pullPolicy: policy } : {}),
  };
  return { value, notes, database: isDatabaseImage(ref.repository) };
}

function resources(d: Draft, svc: Obj, at: KeyPath): { value: Obj; given: boolean } {
  const limits: Obj = {};
  const requests: Obj = {};
  const memory = (v: unknown, key: KeyPath) => {
    const bytes = sizeBytes(v);
    if (bytes === undefined)
      fail(d.compose, key, `"${String(v)}" is not a size`, "write a size such as 512m or 2g");
    return quantity(bytes);
  };
  const cpu = (v: unknown, key: KeyPath) =>
    cpuQuantity(v) ??
    fail(d.compose, key, `"${String(v)}" is not a CPU count`, "write a number such as 0.5 or 2");
  if (svc.mem_limit !== undefined) limits.memory = memory(svc.mem_limit, [...at, "mem_limit"]);
  if (svc.mem_reservation !== undefined)
    requests.memory = memory(svc.mem_reservation, [...at, "mem_reservation"]);
  if (svc.cpus !== undefined) limits.cpu = cpu(svc.cpus, [...at, "cpus"]);
  const deploy = isObj(svc.deploy) ? svc.deploy : {};
  for (const key of Object.keys(deploy)) {
    if (key !== "resources")
      d.warn(
        [...at, "deploy", key],
        "not imported: Swarm deployment settings have no chart equivalent (replicas: controllers.<id>.replicas)",
      );
  }
  const res = isObj(deploy.resources) ? deploy.resources : {};
  for (const [kind, target] of [
    ["limits", limits],
    ["reservations", requests],
  ] as const) {
    const r = isObj(res[kind]) ? res[kind] : {};
    const here = [...at, "deploy", "resources", kind];
    if (r.memory !== undefined) target.memory = memory(r.memory, [...here, "memory"]);
    if (r.cpus !== undefined) target.cpu = cpu(r.cpus, [...here, "cpus"]);
    for (const extra of Object.keys(r).filter((k) => k !== "memory" && k !== "cpus")) {
      d.warn(
        [...here, extra],
        "not imported: request devices such as GPUs through their device plugin's resource in resources",
      );
    }
  }
  const given = Object.keys(limits).length + Object.keys(requests).length > 0;
  const value = {
    requests: { cpu: "50m", memory: "128Mi", ...requests },
    limits: { memory: "1Gi", ...limits },
  };
  return { value, given };
}

function probes(health: Healthcheck, ports: readonly NamedPort[]): { value?: Obj; notes: string[] } {
  const tcp = ports.find((p) => p.web) ?? ports.find((p) => p.protocol === "TCP");
  const guess = (why: string) =>
    tcp
      ? {
          value: { liveness: { type: "tcp", port: tcp.name }, readiness: { type: "tcp", port: tcp.name } },
          notes: [
            `TODO: ${why}: a TCP check of ${tcp.name} as a start; use the service's health endpoint if it has one.`,
          ],
        }
      : { notes: [`TODO: ${why}, and no TCP port to check: add probes from the service's docs.`] };
  if (health.kind === "none") return guess("Compose had no healthcheck");
  if (health.kind === "image")
    return guess("Compose used the image's own HEALTHCHECK, which Kubernetes ignores");
  if (health.kind === "disabled")
    return { notes: ["Compose disabled the healthcheck: no probes. TODO: confirm."] };
  const { check, timing, startup, test } = health;
  const notes = [
    `From the Compose healthcheck ${test}. TODO: confirm: Compose only marked the container unhealthy; the liveness probe restarts it.`,
  ];
  let base: Obj;
  if (check.type === "exec") {
    base = { type: "exec", command: check.command };
    if (check.shell) notes.push("A shell line: the image needs /bin/sh.");
    const vars = check.command.flatMap((c) => placeholdersIn(c));
    if (vars.length)
      notes.push(
        `TODO: ${vars.map((v) => `\${${v}}`).join(", ")} comes from .env or the environment, which import does not read.`,
      );
  } else {
    const named = ports.find((p) => p.protocol === "TCP" && p.target === check.port);
    base = { type: check.type, path: check.path, port: named?.name ?? check.port };
    if (!named) notes.push(`TODO: port ${check.port} is not among the Compose ports of this service.`);
  }
  const spec = Object.keys(timing).length ? { spec: timing } : {};
  const value: Obj = {};
  if (startup) {
    value.startup = { ...base, spec: startup };
    notes.push(
      `Compose's start_period became a startup probe (up to ${startup.periodSeconds * startup.failureThreshold}s).`,
    );
  }
  value.liveness = { ...base, ...spec };
  value.readiness = { ...base, ...spec };
  return { value, notes };
}

/** Adds the controller of compose service `composeName` to the draft. */
export function draftController(d: Draft, composeName: string, svc: Obj): void {
  const cid = d.controllerIds.get(composeName) ?? "main";
  const at = ["services", composeName];
  d.notes.add(d.values.controllers, cid, `The Compose service ${composeName}.`);
  for (const key of Object.keys(svc)) {
    const why = notImportedReason(key);
    if (why) d.warn([...at, key], `not imported: ${why}`);
  }
  const img = image(d, svc, at);
  const health = parseHealthcheck(d.compose, svc.healthcheck, [...at, "healthcheck"]);
  const portSpecs = uniquePorts([
    ...parsePorts(d.compose, svc.ports, [...at, "ports"], d.warnings),
    ...parseExpose(d.compose, svc.expose, [...at, "expose"], d.warnings),
  ]);
  const dependedOn = cid !== "main";
  if (dependedOn && !portSpecs.length) {
    const port = defaultPortOf(img.value.repository as string);
    if (port) {
      portSpecs.push({
        target: port,
        protocol: "TCP",
        source: "the image's usual port",
        note: `Compose did not list it (services of one file reach each other on any port): ${port} is the image's usual port. TODO: confirm`,
      });
    } else {
      d.notes.add(
        d.values.controllers,
        cid,
        "TODO: Compose listed no port, and the other services reach it: add the port it listens on as a Service (service." +
          cid +
          ".ports).",
      );
    }
  }
  const healthPort = health.kind === "probe" && health.check.type !== "exec" ? health.check : undefined;
  const ports = namePorts(portSpecs, healthPort?.port, healthPort?.type);
  const env = draftEnv(d, svc, at);
  const storage = draftStorage(d, cid, svc, at, img.database);
  if (storage.timeZone && !("TZ" in env)) {
    env.TZ = "Etc/UTC";
    d.notes.add(env, "TZ", "TODO: your time zone: Compose bind-mounted the host's /etc/localtime instead.");
  }
  const security = draftSecurity(d, {
    cid,
    at,
    svc,
    lowPorts: ports.filter((p) => p.target < 1024).map((p) => p.target),
    puid: "PUID" in env || "PGID" in env,
  });
  const pod = security.pod;
  if (svc.stop_grace_period !== undefined) {
    const s = durationSeconds(svc.stop_grace_period);
    if (s === undefined)
      fail(
        d.compose,
        [...at, "stop_grace_period"],
        `"${String(svc.stop_grace_period)}" is not a duration`,
        "write a duration such as 30s",
      );
    pod.terminationGracePeriodSeconds = wholeSeconds(s);
  }
  if (pod.hostNetwork && ports.length) {
    d.notes.add(
      d.values.controllers,
      cid,
      "Host network: the ports are the node's; Compose ignored the ports: list with network_mode: host.",
    );
  }

  const container: Obj = { image: img.value };
  if (img.notes.length) d.notes.add(container, "image", ...img.notes);
  const entrypoint = parseCommand(d.compose, svc.entrypoint, [...at, "entrypoint"]);
  const command = parseCommand(d.compose, svc.command, [...at, "command"]);
  if (entrypoint?.length) container.command = entrypoint;
  if (entrypoint && !entrypoint.length)
    d.warn(
      [...at, "entrypoint"],
      "an empty entrypoint (clearing the image's) is not imported: give the command to run instead",
    );
  if (command?.length) container.args = command;
  for (const [key, words] of [
    ["command", entrypoint],
    ["args", command],
  ] as const) {
    const vars = (words ?? []).flatMap((w) => placeholdersIn(w));
    if (vars.length && container[key]) {
      d.notes.add(
        container,
        key,
        `TODO: ${vars.map((v) => `\${${v}}`).join(", ")} comes from .env or the environment, which import does not read.`,
      );
    }
  }
  if (typeof svc.working_dir === "string") container.workingDir = svc.working_dir;
  if (Object.keys(env).length) container.env = env;
  const probe = probes(health, ports);
  if (probe.value) container.probes = probe.value;
  const res = resources(d, svc, at);
  container.resources = res.value;
  d.notes.add(
    container,
    "resources",
    res.given
      ? "From Compose's limits and reservations; TODO: confirm the requests."
      : "TODO: size from the service's docs: placeholders.",
  );
  if (Object.keys(security.container).length) container.securityContext = security.container;

  const controller: Obj = {};
  if (img.database) {
    controller.type = "statefulset";
    d.notes.add(
      controller,
      "type",
      "A database: a StatefulSet (one pod at a time, a stable name). TODO: confirm.",
    );
  }
  controller.pod = pod;
  const containers = { main: container };
  controller.containers = containers;
  const containerNotes = [...security.containerNotes];
  if (!probe.value) containerNotes.push(...probe.notes);
  else d.notes.add(container, "probes", ...probe.notes);
  d.notes.add(containers, "main", ...containerNotes);
  d.values.controllers[cid] = controller;

  const deps = dependsOn(d.compose, composeName, svc);
  if (deps.length) {
    const list = deps
      .map((x) => `${x.service}${x.condition === "service_started" ? "" : ` (${x.condition})`}`)
      .join(", ");
    d.notes.add(
      d.values.controllers,
      cid,
      `Compose started it after ${list}: Kubernetes starts every controller at once. TODO: the service must retry until ` +
        "they are ready, or add an init container that waits for them.",
    );
  }
  if (pod.hostNetwork && !ports.length) {
    d.notes.add(
      d.values.controllers,
      cid,
      "TODO: host network and no ports listed: add the web UI's port as service.main.ports.http (and an ingress).",
    );
  }
  draftServices(d, cid, ports);
}
