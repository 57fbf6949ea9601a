import type {
  ControllerDefinition,
  IngressDefinition,
  ProbeDefinition,
  ServiceDefinition,
  ServiceDefinitionEntry,
  VolumeDefinition,
} from "./definition.ts";
import { sortKeys } from "@homelab/toolbox";
import type { Json, JsonSchema, ObjectNode, ValueNode } from "./values-node.ts";
import { bool, int, leaf, obj, str } from "./values-node.ts";

const QUANTITY_SCHEMA: JsonSchema = { type: ["string", "number"] };
const RESOURCE_LIST: JsonSchema = { type: "object", additionalProperties: QUANTITY_SCHEMA };
const STRING_MAP: JsonSchema = { type: "object", additionalProperties: { type: "string" } };
const STRING_LIST: JsonSchema = { type: "array", items: { type: "string" } };
const FREE_OBJECT: JsonSchema = { type: "object" };
const FREE_LIST: JsonSchema = { type: "array" };
const ENV_MAP: JsonSchema = { type: "object", additionalProperties: { type: ["string", "number", "boolean"] } };

/** Default resource requests for a container that declares none. */
export const DEFAULT_REQUESTS = { cpu: "50m", memory: "64Mi" } as const;
/** Default StorageClass: k3s's local-path provisioner. */
export const DEFAULT_STORAGE_CLASS = "local-path";
/** Default IngressClass: k3s's bundled Traefik. */
export const DEFAULT_INGRESS_CLASS = "traefik";

/** The documented values tree of a (validated) definition. */
export function buildValues(def: ServiceDefinition): ObjectNode {
  return obj("", {
    nameOverride: str("", "Override the chart name used in object names and labels."),
    fullnameOverride: str("", "Override the full name (release-chart) of every object."),
    controllers: obj(
      "Workloads of this service; each is a Deployment or StatefulSet with one container.",
      mapEntries(def.controllers, (id, c) => controllerNode(def, id, c)),
    ),
    service: obj(
      "Services, each selecting the pods of one controller.",
      mapEntries(def.services ?? {}, (id, s) => serviceNode(id, s)),
    ),
    ingress: obj(
      "Ingresses, each routing one host to one service port.",
      mapEntries(def.ingress ?? {}, (id, i) => ingressNode(def, id, i)),
    ),
    persistence: obj(
      "Volumes mounted into a controller's container.",
      mapEntries(def.persistence ?? {}, (id, v) => volumeNode(id, v)),
    ),
    configMaps: obj(
      "ConfigMaps created by the chart; mount them with a persistence entry of type configMap.",
      mapEntries(def.configMaps ?? {}, (id, data) =>
        obj(`ConfigMap \`${id}\`.`, {
          enabled: bool(true, "Create this ConfigMap."),
          data: leaf(sortedRecord(data), "File name to content.", STRING_MAP),
        }),
      ),
    ),
    secrets: obj(
      "Secrets generated once at install and kept across upgrades; never stored in values.",
      mapEntries(def.secrets ?? {}, (id, s) =>
        obj(`Secret \`${id}\`.`, {
          enabled: bool(true, "Manage this Secret."),
          existingSecret: str("", "Use this existing Secret (same keys) instead of generating one."),
          generate: leaf(
            sortedRecord(Object.fromEntries(Object.entries(s.generate).map(([k, g]) => [k, { length: g.length }]))),
            "Keys generated as random alphanumeric strings of the given length.",
            { type: "object", additionalProperties: { type: "object", properties: { length: { type: "integer", minimum: 16, maximum: 256 } }, required: ["length"], additionalProperties: false } },
          ),
        }),
      ),
    ),
    serviceAccount: obj("The ServiceAccount the pods run as.", {
      create: bool(true, "Create a ServiceAccount for this release."),
      name: str("", "Name of the ServiceAccount to use; generated from the full name when empty."),
      automount: bool(false, "Mount the ServiceAccount's API token into pods (none of these services talk to the API)."),
      annotations: leaf({}, "Annotations on the ServiceAccount.", STRING_MAP),
    }),
    extraObjects: leaf([], "Extra Kubernetes objects rendered with the chart (strings are passed through tpl).", FREE_LIST),
  });
}

function controllerNode(def: ServiceDefinition, id: string, c: ControllerDefinition): ObjectNode {
  const type = c.type ?? "deployment";
  const runAsRoot = c.runAsRoot !== undefined;
  const user = c.runAs?.user ?? 1000;
  const group = c.runAs?.group ?? 1000;
  const requests = { ...DEFAULT_REQUESTS, ...c.resources?.requests };
  const exceptions = [
    c.runAsRoot && `runs as root: ${c.runAsRoot.reason}`,
    c.writableRootFilesystem && `writable root filesystem: ${c.writableRootFilesystem.reason}`,
    c.capabilities && `adds ${c.capabilities.add.join(", ")}: ${c.capabilities.reason}`,
    c.hostNetwork && `host network: ${c.hostNetwork.reason}`,
  ].filter((x): x is string => typeof x === "string");
  const doc = `Controller \`${id}\` of ${def.name}.` + (exceptions.length ? ` Exceptions to the secure defaults: ${exceptions.join("; ")}.` : "");
  return obj(doc, {
    enabled: bool(true, "Deploy this controller."),
    type: str(type, "Workload kind.", { enum: ["deployment", "statefulset"] }),
    replicas: int(1, "Number of pods; these services keep state on ReadWriteOnce volumes, so 1.", { minimum: 0 }),
    strategy: str("Recreate", "Deployment update strategy; Recreate frees ReadWriteOnce volumes before the new pod starts.", {
      enum: ["Recreate", "RollingUpdate"],
    }),
    image: obj("Container image; pinned to a tag (and optionally a digest).", {
      repository: str(c.image.repository, "Image repository.", { pattern: "^[^\\s:@]+$" }),
      tag: leaf(c.image.tag, "Image tag; never latest.", { type: "string", pattern: "^[\\w][\\w.-]{0,127}$", not: { enum: ["latest"] } }),
      digest: str(c.image.digest ?? "", "Image digest (sha256:...); pins the exact image when set.", { pattern: "^(sha256:[a-f0-9]{64})?$" }),
      pullPolicy: str(c.image.pullPolicy ?? "IfNotPresent", "Image pull policy.", { enum: ["Always", "IfNotPresent", "Never"] }),
    }),
    command: leaf(c.command ?? [], "Container command; the image's entrypoint when empty.", STRING_LIST),
    args: leaf(c.args ?? [], "Container arguments; the image's cmd when empty.", STRING_LIST),
    env: leaf(sortedRecord(c.env ?? {}), "Environment variables (values pass through tpl).", ENV_MAP),
    secretEnv: leaf(
      sortedRecord(c.secretEnv ?? {}),
      "Environment variables read from a chart secret: VAR: {secret: <secrets id>, key: <key>}.",
      {
        type: "object",
        additionalProperties: {
          type: "object",
          properties: { secret: { type: "string" }, key: { type: "string" } },
          required: ["secret", "key"],
          additionalProperties: false,
        },
      },
    ),
    probes: obj("Health probes.", {
      liveness: probeNode("liveness", c.probes?.liveness),
      readiness: probeNode("readiness", c.probes?.readiness),
      startup: probeNode("startup", c.probes?.startup),
    }),
    resources: obj("Resource requests and limits.", {
      requests: leaf(sortedRecord(requests), "Resources the scheduler reserves.", RESOURCE_LIST),
      limits: leaf(sortedRecord(c.resources?.limits ?? {}), "Resource limits.", RESOURCE_LIST),
    }),
    podSecurityContext: leaf(
      sortedRecord({
        ...(runAsRoot ? { runAsNonRoot: false } : { runAsNonRoot: true, runAsUser: user, runAsGroup: group }),
        fsGroup: c.runAs?.fsGroup ?? group,
        fsGroupChangePolicy: "OnRootMismatch",
        seccompProfile: { type: "RuntimeDefault" },
      }),
      "Pod security context.",
      FREE_OBJECT,
    ),
    securityContext: leaf(
      sortedRecord({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: c.writableRootFilesystem === undefined,
        capabilities: c.capabilities ? { add: [...c.capabilities.add].sort(), drop: ["ALL"] } : { drop: ["ALL"] },
        ...(runAsRoot ? {} : { runAsNonRoot: true }),
        seccompProfile: { type: "RuntimeDefault" },
      }),
      "Container security context.",
      FREE_OBJECT,
    ),
    hostNetwork: bool(c.hostNetwork !== undefined, "Use the node's network namespace."),
    podAnnotations: leaf({}, "Annotations on the pods.", STRING_MAP),
    nodeSelector: leaf({}, "Node selector for the pods.", STRING_MAP),
    tolerations: leaf([], "Tolerations for the pods.", FREE_LIST),
    affinity: leaf({}, "Affinity for the pods.", FREE_OBJECT),
  });
}

function probeNode(kind: "liveness" | "readiness" | "startup", p: ProbeDefinition | undefined): ObjectNode {
  const failureDefault = kind === "startup" ? 30 : 3;
  const t = p?.timing ?? {};
  return obj(`${kind[0]!.toUpperCase()}${kind.slice(1)} probe.`, {
    enabled: bool(p !== undefined, "Enable this probe."),
    type: str(p?.type ?? "tcp", "Probe kind.", { enum: ["http", "tcp", "exec"] }),
    path: p?.type === "http" ? str(p.path, "HTTP path.") : undefined,
    scheme: p?.type === "http" ? str(p.scheme ?? "HTTP", "HTTP scheme.", { enum: ["HTTP", "HTTPS"] }) : undefined,
    port: p && p.type !== "exec" ? leaf(p.port, "Port name or number.", { type: ["string", "integer"] }) : undefined,
    command: p?.type === "exec" ? leaf(p.command, "Command to run.", STRING_LIST) : undefined,
    initialDelaySeconds: int(t.initialDelaySeconds ?? 0, "Seconds before the first probe.", { minimum: 0 }),
    periodSeconds: int(t.periodSeconds ?? 10, "Seconds between probes.", { minimum: 1 }),
    timeoutSeconds: int(t.timeoutSeconds ?? 5, "Seconds before a probe times out.", { minimum: 1 }),
    failureThreshold: int(t.failureThreshold ?? failureDefault, "Failures before the probe gives up.", { minimum: 1 }),
  });
}

function serviceNode(id: string, s: ServiceDefinitionEntry): ObjectNode {
  return obj(`Service \`${id}\`.`, {
    enabled: bool(true, "Create this Service."),
    controller: str(s.controller ?? "main", "Controller whose pods receive the traffic."),
    type: str(s.type ?? "ClusterIP", "Service type; k3s's servicelb serves LoadBalancer on the node's address.", {
      enum: ["ClusterIP", "NodePort", "LoadBalancer"],
    }),
    annotations: leaf({}, "Annotations on the Service.", STRING_MAP),
    ports: obj(
      "Ports by name; each is also the container port of the same name.",
      mapEntries(s.ports, (name, p) =>
        obj(`Port \`${name}\`.`, {
          port: int(p.port, "Service port.", { minimum: 1, maximum: 65535 }),
          targetPort: int(p.targetPort ?? p.port, "Container port.", { minimum: 1, maximum: 65535 }),
          protocol: str(p.protocol ?? "TCP", "Protocol.", { enum: ["TCP", "UDP"] }),
        }),
      ),
    ),
  });
}

function ingressNode(def: ServiceDefinition, id: string, i: IngressDefinition): ObjectNode {
  return obj(`Ingress \`${id}\`.`, {
    enabled: bool(i.enabled ?? true, "Create this Ingress."),
    className: str(i.className ?? DEFAULT_INGRESS_CLASS, "IngressClass; k3s ships Traefik."),
    annotations: leaf({}, "Annotations on the Ingress.", STRING_MAP),
    host: str(i.host ?? `${def.name}.home.arpa`, "Host name to route."),
    path: str(i.path ?? "/", "Path prefix to route."),
    service: str(i.service ?? "main", "Service to route to."),
    port: str(i.port, "Name of the service port to route to."),
    tls: obj("TLS for the host.", {
      enabled: bool(false, "Serve the host over TLS."),
      secretName: str("", "Secret holding the certificate; Traefik's default certificate when empty."),
    }),
  });
}

function volumeNode(id: string, v: VolumeDefinition): ObjectNode {
  const common = {
    enabled: bool(true, "Mount this volume."),
    type: str(v.type, "Volume kind.", { enum: ["persistentVolumeClaim", "emptyDir", "configMap"] }),
    controller: str(v.controller ?? "main", "Controller whose container mounts it."),
    mountPath: str(v.mountPath, "Path in the container."),
    subPath: str("", "Sub-path of the volume to mount; the whole volume when empty."),
    readOnly: bool(v.type === "configMap", "Mount read-only."),
  };
  switch (v.type) {
    case "persistentVolumeClaim":
      return obj(`Volume \`${id}\`: a PersistentVolumeClaim.`, {
        ...common,
        size: leaf(v.size, "Requested size.", QUANTITY_SCHEMA),
        accessMode: str(v.accessMode ?? "ReadWriteOnce", "Access mode.", {
          enum: ["ReadWriteOnce", "ReadWriteMany", "ReadOnlyMany", "ReadWriteOncePod"],
        }),
        storageClass: str(v.storageClass ?? DEFAULT_STORAGE_CLASS, "StorageClass; k3s ships local-path. `-` for none (static volumes)."),
        existingClaim: str("", "Use this existing claim instead of creating one."),
        retain: bool(v.retain ?? true, "Keep the claim (and its data) when the release is uninstalled."),
      });
    case "emptyDir":
      return obj(`Volume \`${id}\`: an emptyDir (scratch space).`, {
        ...common,
        sizeLimit: str(v.sizeLimit ?? "", "Size limit; none when empty."),
        medium: str(v.memory ? "Memory" : "", "`Memory` for a tmpfs; the node's disk when empty.", { enum: ["", "Memory"] }),
      });
    case "configMap":
      return obj(`Volume \`${id}\`: files of a chart ConfigMap.`, {
        ...common,
        configMap: str(v.configMap, "Key of `configMaps` to mount."),
      });
  }
}

function mapEntries<T>(record: Record<string, T>, f: (id: string, value: T) => ValueNode): Record<string, ValueNode> {
  // `main` first, then the others sorted: stable and readable.
  const keys = Object.keys(record).sort((a, b) => (a === "main" ? -1 : b === "main" ? 1 : a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(keys.map((k) => [k, f(k, record[k]!)]));
}

/** A copy with object keys sorted at every depth, for deterministic output. */
function sortedRecord(value: object): { [key: string]: Json } {
  return sortKeys(value) as { [key: string]: Json };
}
