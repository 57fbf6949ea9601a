/**
 * The workload and storage half of the values model (library/VALUES.md): `defaultPodOptions`,
 * `controllers` (with their containers and pod options), `persistence`, `configMaps`, `secrets`,
 * `serviceAccount`, `rbac` and `rawResources`. Each entry is a closed object, so a misspelled key
 * is refused with its path; Kubernetes structures the library passes through (affinity,
 * securityContext, resources, lifecycle, volume sources, probe specs, rules...) stay open. Every
 * node's description ends with its default, as the library templates apply it.
 */
import { Type, type Static, type TSchema } from "typebox";
import {
  annotations,
  closed,
  enabled,
  ID_PATTERN,
  idMap,
  keyedMap,
  labels,
  metadataFields,
  open,
  openList,
  PORT_NAME_PATTERN,
  portRef,
  stringList,
  stringMap,
} from "./schema-builders.ts";

/** An environment variable name. */
const ENV_NAME_PATTERN = "^[-._a-zA-Z][-._a-zA-Z0-9]*$";
/** A key of a ConfigMap or Secret. */
const DATA_KEY_PATTERN = "^[-._a-zA-Z0-9]+$";

const count = (description: string) => Type.Integer({ minimum: 0, description });

/** A number or a percentage ("25%"). */
const intOrPercent = (description: string) =>
  Type.Union(
    [
      Type.Integer({ minimum: 0, description: "A number. Default: none." }),
      Type.String({ pattern: "^[0-9]+%$", description: "A percentage, e.g. 25%. Default: none." }),
    ],
    { description },
  );

/** A command or argument list; a string is a one-item list. */
const commandList = (description: string) =>
  Type.Union(
    [
      Type.String({ description: "One item. Default: none." }),
      stringList("The items. Default: none.", "An item."),
    ],
    { description },
  );

/** A Secret or ConfigMap a container reads: a chart object by id, or an existing one by name. */
const reference = <E extends Record<string, TSchema>>(what: "secret" | "configMap", extra: E = {} as E) =>
  Type.Object(
    {
      identifier: Type.Optional(
        Type.String({ description: `The id of a chart ${what} (under ${what}s). Default: none.` }),
      ),
      name: Type.Optional(
        Type.String({ description: `The name of an existing ${what} (tpl). Default: none.` }),
      ),
      ...extra,
      optional: Type.Optional(Type.Boolean({ description: "Start without it. Default: false." })),
    },
    { ...closed, description: `A ${what}: identifier (the chart's) or name (existing). Default: none.` },
  );

// ---------------------------------------------------------------------------------------- mounts

export const mountSchema = Type.Object(
  {
    path: Type.String({
      minLength: 1,
      description: "The directory (or file) in the container. Default: none (required).",
    }),
    subPath: Type.Optional(
      Type.String({ description: "A path inside the volume to mount. Default: the whole volume." }),
    ),
    readOnly: Type.Optional(
      Type.Boolean({ description: "Mount read-only. Default: false.", default: false }),
    ),
    mountPropagation: Type.Optional(
      Type.Enum(["None", "HostToContainer", "Bidirectional"], {
        description: "How mounts propagate between host and container. Default: None.",
      }),
    ),
  },
  { ...closed, description: "Where a volume is mounted. Default: none." },
);
export type Mount = Static<typeof mountSchema>;

const mountList = (description: string) => Type.Array(mountSchema, { description });

// ---------------------------------------------------------------------------------------- containers

const probeSchema = Type.Object(
  {
    enabled: Type.Optional(enabled("this probe")),
    type: Type.Optional(
      Type.Enum(["http", "https", "tcp", "grpc", "exec", "custom"], {
        description: "The kind of check; custom takes the whole probe from spec. Default: tcp.",
        default: "tcp",
      }),
    ),
    path: Type.Optional(Type.String({ description: "The HTTP path (http, https). Default: /." })),
    port: Type.Optional(
      portRef("The port checked (a number for grpc). Default: the container's first port."),
    ),
    command: Type.Optional(commandList("The command run (exec). Default: none (required for exec).")),
    service: Type.Optional(
      Type.String({ description: "The gRPC health service name (grpc). Default: none." }),
    ),
    spec: Type.Optional(
      open("Timing fields added to the probe, or the whole probe when custom. Default: {}."),
    ),
  },
  { ...closed, description: "A health probe; given means on. Default: none (no probe)." },
);
export type Probe = Static<typeof probeSchema>;

const envEntrySchema = Type.Union(
  [
    Type.String({ description: "The value (tpl). Default: none." }),
    Type.Number({ description: "A number, rendered as text. Default: none." }),
    Type.Boolean({ description: "A boolean, rendered as text. Default: none." }),
    Type.Object(
      { value: Type.String({ description: "The value (tpl). Default: none (required)." }) },
      { ...closed, description: "The value as a map. Default: none." },
    ),
    Type.Object(
      {
        valueFrom: Type.Object(
          {
            secretKeyRef: Type.Optional(
              reference("secret", {
                key: Type.String({ description: "The key in the Secret. Default: none (required)." }),
              }),
            ),
            configMapKeyRef: Type.Optional(
              reference("configMap", {
                key: Type.String({ description: "The key in the ConfigMap. Default: none (required)." }),
              }),
            ),
            fieldRef: Type.Optional(open("A pod field (fieldPath). Default: none.")),
            resourceFieldRef: Type.Optional(open("A container resource (resource, divisor). Default: none.")),
          },
          { ...closed, description: "Where the value comes from. Default: none (required)." },
        ),
      },
      { ...closed, description: "The value read from a Secret, ConfigMap or field. Default: none." },
    ),
  ],
  { description: "One environment variable. Default: none." },
);

const envFromSchema = Type.Object(
  {
    secretRef: Type.Optional(reference("secret")),
    configMapRef: Type.Optional(reference("configMap")),
    prefix: Type.Optional(Type.String({ description: "Prepended to every variable name. Default: none." })),
  },
  { ...closed, description: "All keys of a Secret or ConfigMap as variables. Default: none." },
);

const containerPortSchema = Type.Object(
  {
    name: Type.String({
      pattern: PORT_NAME_PATTERN,
      description: "The port name (at most 15 characters). Default: none (required).",
    }),
    containerPort: Type.Integer({
      minimum: 1,
      maximum: 65535,
      description: "The port number. Default: none (required).",
    }),
    protocol: Type.Optional(
      Type.Enum(["TCP", "UDP", "SCTP"], { description: "The protocol. Default: TCP.", default: "TCP" }),
    ),
    hostPort: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 65535, description: "Also open it on the node. Default: none." }),
    ),
  },
  { ...closed, description: "A container port. Default: none." },
);

export const containerSchema = Type.Object(
  {
    enabled: Type.Optional(enabled("this container")),
    nameOverride: Type.Optional(Type.String({ description: "The container name. Default: the id." })),
    primary: Type.Optional(
      Type.Boolean({
        description:
          "The container receiving the Services' ports. Default: false (then main, else the first by id).",
        default: false,
      }),
    ),
    dependsOn: Type.Optional(
      Type.Union(
        [
          Type.String({ description: "One init container id. Default: none." }),
          stringList("Init container ids. Default: none.", "An init container id."),
        ],
        { description: "Init containers only: the ids that must start first. Default: [] (by id)." },
      ),
    ),
    image: Type.Object(
      {
        repository: Type.String({
          minLength: 1,
          description: "The image repository. Default: none (required).",
        }),
        tag: Type.String({
          minLength: 1,
          description: "The image tag; never latest. Default: none (required).",
        }),
        digest: Type.Optional(
          Type.String({ description: 'Pins the exact image (sha256:...). Default: "".' }),
        ),
        pullPolicy: Type.Optional(
          Type.Enum(["IfNotPresent", "Always", "Never"], {
            description: "When the kubelet pulls the image. Default: IfNotPresent.",
            default: "IfNotPresent",
          }),
        ),
      },
      { ...closed, description: "The container image, pinned to a tag. Default: none (required)." },
    ),
    command: Type.Optional(commandList("The command. Default: the image's entrypoint.")),
    args: Type.Optional(commandList("The arguments. Default: the image's cmd.")),
    workingDir: Type.Optional(Type.String({ description: "The working directory. Default: the image's." })),
    env: Type.Optional(
      keyedMap(
        ENV_NAME_PATTERN,
        envEntrySchema,
        "Environment variables by name, rendered sorted by name. Default: {}.",
      ),
    ),
    envFrom: Type.Optional(
      Type.Array(envFromSchema, { description: "Variables from whole objects. Default: []." }),
    ),
    ports: Type.Optional(
      Type.Array(containerPortSchema, {
        description: "Ports besides the Services' ones (added to the primary container). Default: [].",
      }),
    ),
    probes: Type.Optional(
      Type.Object(
        {
          liveness: Type.Optional(probeSchema),
          readiness: Type.Optional(probeSchema),
          startup: Type.Optional(probeSchema),
        },
        { ...closed, description: "Health probes. Default: {} (none)." },
      ),
    ),
    lifecycle: Type.Optional(open("Lifecycle hooks (postStart, preStop). Default: {}.")),
    resources: Type.Optional(
      open(
        "Requests and limits; a given requests or limits replaces that key. " +
          "Default: { requests: { cpu: 50m, memory: 64Mi } }.",
      ),
    ),
    securityContext: Type.Optional(
      open(
        "Keys laid over the secure default. Default: { allowPrivilegeEscalation: false, " +
          "readOnlyRootFilesystem: true, capabilities: { drop: [ALL] }, " +
          "seccompProfile: { type: RuntimeDefault } }.",
      ),
    ),
    restartPolicy: Type.Optional(
      Type.Literal("Always", {
        description: "Init containers only: Always makes a native sidecar. Default: unset.",
      }),
    ),
  },
  { ...closed, description: "A container. Default: none." },
);
export type Container = Static<typeof containerSchema>;

// ---------------------------------------------------------------------------------------- pod options

export const podOptionsSchema = Type.Object(
  {
    affinity: Type.Optional(open("Affinity rules (tpl). Default: {}.")),
    ...metadataFields("pods"),
    automountServiceAccountToken: Type.Optional(
      Type.Boolean({ description: "Mount the ServiceAccount's API token. Default: false.", default: false }),
    ),
    dnsConfig: Type.Optional(open("DNS resolver settings. Default: {}.")),
    dnsPolicy: Type.Optional(
      Type.Enum(["ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"], {
        description:
          "The DNS policy. " +
          "Default: ClusterFirstWithHostNet with hostNetwork, else Kubernetes' (ClusterFirst).",
      }),
    ),
    enableServiceLinks: Type.Optional(
      Type.Boolean({ description: "Inject Service environment variables. Default: false.", default: false }),
    ),
    hostAliases: Type.Optional(
      openList("Extra /etc/hosts entries. Default: [].", "An entry (ip, hostnames)."),
    ),
    hostIPC: Type.Optional(Type.Boolean({ description: "Use the node's IPC namespace. Default: false." })),
    hostNetwork: Type.Optional(
      Type.Boolean({ description: "Use the node's network namespace. Default: false." }),
    ),
    hostPID: Type.Optional(Type.Boolean({ description: "Use the node's PID namespace. Default: false." })),
    imagePullSecrets: Type.Optional(
      openList("Registry credentials. Default: [].", "A reference ({ name })."),
    ),
    nodeSelector: Type.Optional(stringMap("Node labels the pods need. Default: {}.")),
    priorityClassName: Type.Optional(Type.String({ description: "The PriorityClass. Default: none." })),
    restartPolicy: Type.Optional(
      Type.Enum(["Always", "OnFailure", "Never"], {
        description: "The pods' restart policy. Default: Never for jobs and cronjobs, else Always.",
      }),
    ),
    runtimeClassName: Type.Optional(Type.String({ description: "The RuntimeClass. Default: none." })),
    schedulerName: Type.Optional(
      Type.String({ description: "The scheduler. Default: Kubernetes' default." }),
    ),
    securityContext: Type.Optional(
      open(
        "Keys laid over the secure default. Default: { runAsNonRoot: true, runAsUser: 1000, " +
          "runAsGroup: 1000, fsGroup: 1000, fsGroupChangePolicy: OnRootMismatch, " +
          "seccompProfile: { type: RuntimeDefault } }.",
      ),
    ),
    shareProcessNamespace: Type.Optional(
      Type.Boolean({ description: "Share one process namespace between containers. Default: false." }),
    ),
    terminationGracePeriodSeconds: Type.Optional(
      count("Seconds to stop gracefully. Default: Kubernetes' (30)."),
    ),
    tolerations: Type.Optional(openList("Taints the pods tolerate. Default: [].", "A toleration.")),
    topologySpreadConstraints: Type.Optional(
      openList("How the pods spread (tpl). Default: [].", "A constraint."),
    ),
  },
  {
    ...closed,
    description:
      "Pod options; a key given for a controller replaces the default's (securityContext: key by key). " +
      "Default: {}.",
  },
);
export type PodOptions = Static<typeof podOptionsSchema>;

// ---------------------------------------------------------------------------------------- controllers

const claimFields = {
  accessMode: Type.Optional(
    Type.Enum(["ReadWriteOnce", "ReadWriteOncePod", "ReadOnlyMany", "ReadWriteMany"], {
      description: "The access mode. Default: ReadWriteOnce.",
      default: "ReadWriteOnce",
    }),
  ),
  storageClass: Type.Optional(
    Type.String({
      description:
        'The StorageClass (tpl); "-" renders "", "" leaves it to the cluster. Default: local-path.',
      default: "local-path",
    }),
  ),
  dataSourceRef: Type.Optional(open("Populate the claim from a snapshot or another claim. Default: none.")),
  volumeName: Type.Optional(Type.String({ description: "Bind to this PersistentVolume. Default: none." })),
  labels: Type.Optional(labels("claim")),
  annotations: Type.Optional(annotations("claim")),
};

const volumeClaimTemplateSchema = Type.Object(
  {
    enabled: Type.Optional(enabled("this claim template")),
    name: Type.String({
      pattern: ID_PATTERN,
      description: "The claim and volume name. Default: none (required).",
    }),
    size: Type.String({
      minLength: 1,
      description: "The requested size, e.g. 10Gi. Default: none (required).",
    }),
    ...claimFields,
    globalMounts: Type.Optional(mountList("Mounts in every container of the StatefulSet. Default: [].")),
    advancedMounts: Type.Optional(
      idMap(mountList("Mounts in this container. Default: []."), "Mounts by container id. Default: {}."),
    ),
  },
  { ...closed, description: "A claim per StatefulSet pod. Default: none." },
);

export const controllerSchema = Type.Object(
  {
    enabled: Type.Optional(enabled("this controller")),
    type: Type.Optional(
      Type.Enum(["deployment", "statefulset", "daemonset", "cronjob", "job"], {
        description: "The workload kind. Default: deployment.",
        default: "deployment",
      }),
    ),
    ...metadataFields("workload object"),
    replicas: Type.Optional(count("Pods of a deployment or statefulset. Default: 1.")),
    strategy: Type.Optional(
      Type.Enum(["Recreate", "RollingUpdate", "OnDelete"], {
        description:
          "Update strategy: Recreate | RollingUpdate (deployment), " +
          "RollingUpdate | OnDelete (statefulset, daemonset). " +
          "Default: Recreate (deployment), RollingUpdate (statefulset, daemonset).",
      }),
    ),
    rollingUpdate: Type.Optional(
      Type.Object(
        {
          unavailable: Type.Optional(intOrPercent("maxUnavailable. Default: Kubernetes' (25% or 1).")),
          surge: Type.Optional(
            intOrPercent("maxSurge (deployment, daemonset). Default: Kubernetes' (25% or 0)."),
          ),
          partition: Type.Optional(
            count("Pods below this ordinal are not updated (statefulset). Default: 0."),
          ),
        },
        { ...closed, description: "RollingUpdate settings. Default: {}." },
      ),
    ),
    revisionHistoryLimit: Type.Optional(count("Old ReplicaSets/revisions kept. Default: 3.")),
    serviceAccount: Type.Optional(
      Type.Object(
        {
          identifier: Type.Optional(
            Type.String({ description: "A chart ServiceAccount id. Default: none." }),
          ),
          name: Type.Optional(
            Type.String({ description: "An existing ServiceAccount (tpl). Default: none." }),
          ),
        },
        {
          ...closed,
          description:
            "The pods' ServiceAccount. Default: the chart's main ServiceAccount when enabled, else default.",
        },
      ),
    ),
    pod: Type.Optional(podOptionsSchema),
    cronjob: Type.Optional(
      Type.Object(
        {
          schedule: Type.String({
            minLength: 1,
            description: "The cron schedule. Default: none (required).",
          }),
          timeZone: Type.Optional(
            Type.String({ description: "The schedule's time zone. Default: the controller's (UTC)." }),
          ),
          concurrencyPolicy: Type.Optional(
            Type.Enum(["Allow", "Forbid", "Replace"], {
              description: "Whether runs may overlap. Default: Forbid.",
              default: "Forbid",
            }),
          ),
          suspend: Type.Optional(Type.Boolean({ description: "Pause the schedule. Default: false." })),
          startingDeadlineSeconds: Type.Optional(count("Skip a run this late. Default: none.")),
          successfulJobsHistory: Type.Optional(count("Successful Jobs kept. Default: 1.")),
          failedJobsHistory: Type.Optional(count("Failed Jobs kept. Default: 1.")),
          ttlSecondsAfterFinished: Type.Optional(count("Delete finished Jobs after this. Default: none.")),
          backoffLimit: Type.Optional(count("Retries before a Job fails. Default: 6.")),
          parallelism: Type.Optional(count("Pods running at once. Default: 1.")),
        },
        { ...closed, description: "CronJob settings (type cronjob). Default: none." },
      ),
    ),
    job: Type.Optional(
      Type.Object(
        {
          suspend: Type.Optional(Type.Boolean({ description: "Create the Job suspended. Default: false." })),
          ttlSecondsAfterFinished: Type.Optional(count("Delete the finished Job after this. Default: none.")),
          backoffLimit: Type.Optional(count("Retries before the Job fails. Default: 6.")),
          parallelism: Type.Optional(count("Pods running at once. Default: 1.")),
          completions: Type.Optional(count("Successful pods needed. Default: 1.")),
          completionMode: Type.Optional(
            Type.Enum(["NonIndexed", "Indexed"], {
              description: "How completions count. Default: NonIndexed.",
            }),
          ),
          activeDeadlineSeconds: Type.Optional(count("Fail the Job after this. Default: none.")),
        },
        { ...closed, description: "Job settings (type job). Default: {}." },
      ),
    ),
    statefulset: Type.Optional(
      Type.Object(
        {
          podManagementPolicy: Type.Optional(
            Type.Enum(["OrderedReady", "Parallel"], {
              description: "Start pods one by one or all at once. Default: OrderedReady.",
              default: "OrderedReady",
            }),
          ),
          volumeClaimTemplates: Type.Optional(
            Type.Array(volumeClaimTemplateSchema, { description: "Claims per pod. Default: []." }),
          ),
        },
        { ...closed, description: "StatefulSet settings (type statefulset). Default: {}." },
      ),
    ),
    initContainers: Type.Optional(
      idMap(
        containerSchema,
        "Init containers by id; restartPolicy Always makes a native sidecar. Default: {}.",
      ),
    ),
    containers: Type.Optional(idMap(containerSchema, "Containers by id; at least one enabled. Default: {}.")),
  },
  { ...closed, description: "A workload. Default: none." },
);
export type Controller = Static<typeof controllerSchema>;

// ---------------------------------------------------------------------------------------- persistence

export const persistenceSchema = Type.Object(
  {
    enabled: Type.Optional(enabled("this volume")),
    type: Type.Optional(
      Type.Enum(["persistentVolumeClaim", "emptyDir", "configMap", "secret", "nfs", "hostPath", "custom"], {
        description: "The volume kind. Default: persistentVolumeClaim.",
        default: "persistentVolumeClaim",
      }),
    ),
    size: Type.Optional(
      Type.String({
        description:
          "persistentVolumeClaim: the requested size, e.g. 5Gi (required for a new claim). Default: none.",
      }),
    ),
    ...claimFields,
    existingClaim: Type.Optional(
      Type.String({
        description: "persistentVolumeClaim: use this claim (tpl); none is rendered. Default: none.",
      }),
    ),
    retain: Type.Optional(
      Type.Boolean({
        description:
          "persistentVolumeClaim: keep the claim on uninstall (helm.sh/resource-policy: keep). " +
          "Default: true.",
        default: true,
      }),
    ),
    medium: Type.Optional(
      Type.Enum(["", "Memory"], { description: "emptyDir: Memory for tmpfs. Default: the node's disk." }),
    ),
    sizeLimit: Type.Optional(Type.String({ description: "emptyDir: the size limit. Default: none." })),
    identifier: Type.Optional(
      Type.String({
        description: "configMap/secret: the id of the chart's ConfigMap or Secret. Default: none.",
      }),
    ),
    name: Type.Optional(
      Type.String({ description: "configMap/secret: an existing object's name (tpl). Default: none." }),
    ),
    items: Type.Optional(
      openList("configMap/secret: only these keys, at these paths. Default: all keys.", "An item."),
    ),
    defaultMode: Type.Optional(
      Type.Union(
        [
          Type.Integer({
            minimum: 0,
            maximum: 511,
            description: "A mode (0644 in YAML is 420). Default: none.",
          }),
          Type.String({ pattern: "^0?[0-7]{3}$", description: 'An octal mode, e.g. "0644". Default: none.' }),
        ],
        { description: "configMap/secret: the files' mode. Default: Kubernetes' (0644)." },
      ),
    ),
    optional: Type.Optional(
      Type.Boolean({ description: "configMap/secret: start without the object. Default: false." }),
    ),
    server: Type.Optional(Type.String({ description: "nfs: the server (tpl; required). Default: none." })),
    path: Type.Optional(
      Type.String({ description: "nfs: the exported path (tpl; required). Default: none." }),
    ),
    hostPath: Type.Optional(
      Type.String({ description: "hostPath: the node's path (required). Default: none." }),
    ),
    hostPathType: Type.Optional(
      Type.Enum(
        ["", "DirectoryOrCreate", "Directory", "FileOrCreate", "File", "Socket", "CharDevice", "BlockDevice"],
        { description: "hostPath: what must exist there. Default: no check." },
      ),
    ),
    volumeSpec: Type.Optional(
      open("custom: the volume source, e.g. { csi: {...} } (required). Default: none."),
    ),
    globalMounts: Type.Optional(
      mountList("Mounts in every container and init container of every controller. Default: []."),
    ),
    advancedMounts: Type.Optional(
      idMap(
        idMap(
          mountList("Mounts in this container. Default: []."),
          "Mounts by container (or init container) id. Default: {}.",
        ),
        "Mounts by controller id, then container id. Default: {}.",
      ),
    ),
  },
  {
    ...closed,
    description: "A volume; mounted only where globalMounts or advancedMounts say. Default: none.",
  },
);
export type Persistence = Static<typeof persistenceSchema>;

// ------------------------------------------------------------------------------ configMaps, secrets

/** A map of ConfigMap or Secret keys to entries. */
const dataMap = <T extends TSchema>(entry: T, description: string) =>
  keyedMap(DATA_KEY_PATTERN, entry, description);

const templated = (what: string) =>
  Type.Boolean({
    description: `Pass ${what} through tpl; false for files with their own {{ }} templates. Default: true.`,
    default: true,
  });

export const configMapSchema = Type.Object(
  {
    enabled: Type.Optional(enabled("this ConfigMap")),
    ...metadataFields("ConfigMap"),
    templated: Type.Optional(templated("the data values")),
    data: Type.Optional(
      dataMap(Type.String({ description: "A file's content. Default: none." }), "Files by key. Default: {}."),
    ),
  },
  { ...closed, description: "A ConfigMap. Default: none." },
);
export type ConfigMap = Static<typeof configMapSchema>;

export const secretSchema = Type.Object(
  {
    enabled: Type.Optional(enabled("this Secret")),
    ...metadataFields("Secret"),
    templated: Type.Optional(templated("stringData")),
    stringData: Type.Optional(
      dataMap(Type.String({ description: "A value. Default: none." }), "Values by key (tpl). Default: {}."),
    ),
    generate: Type.Optional(
      dataMap(
        Type.Object(
          {
            length: Type.Optional(
              Type.Integer({
                minimum: 1,
                description: "Characters of the random value. Default: 32.",
                default: 32,
              }),
            ),
          },
          { ...closed, description: "A random alphanumeric value, made once. Default: none." },
        ),
        "Keys generated at install and kept across upgrades. Default: {}.",
      ),
    ),
    existingSecret: Type.Optional(
      Type.String({ description: 'Use this existing Secret (tpl) instead; none is rendered. Default: "".' }),
    ),
  },
  { ...closed, description: "A Secret: generated, given, or existing. Default: none." },
);
export type Secret = Static<typeof secretSchema>;

// ------------------------------------------------------------------------ service accounts, RBAC

export const serviceAccountSchema = Type.Object(
  {
    enabled: Type.Optional(enabled("this ServiceAccount")),
    ...metadataFields("ServiceAccount"),
  },
  {
    ...closed,
    description: "A ServiceAccount (its API token is mounted only where pods ask). Default: none.",
  },
);
export type ServiceAccount = Static<typeof serviceAccountSchema>;

/** Whether a role or binding is namespaced (`kind`) or cluster-wide (`Cluster<kind>`). */
const scope = <K extends "Role" | "RoleBinding">(kind: K) =>
  Type.Enum([kind, `Cluster${kind}` as const], {
    description: `Namespaced or cluster-wide. Default: ${kind}.`,
    default: kind,
  });

const roleSchema = Type.Object(
  {
    enabled: Type.Optional(enabled("this role")),
    type: Type.Optional(scope("Role")),
    ...metadataFields("role"),
    rules: Type.Optional(openList("The policy rules (tpl). Default: [].", "A rule.")),
  },
  { ...closed, description: "A Role or ClusterRole. Default: none." },
);

const roleBindingSchema = Type.Object(
  {
    enabled: Type.Optional(enabled("this binding")),
    type: Type.Optional(scope("RoleBinding")),
    ...metadataFields("binding"),
    roleRef: Type.Object(
      {
        identifier: Type.Optional(
          Type.String({ description: "A chart role id (its type gives the kind). Default: none." }),
        ),
        name: Type.Optional(Type.String({ description: "An existing role (tpl). Default: none." })),
        kind: Type.Optional(
          Type.Enum(["Role", "ClusterRole"], {
            description:
              "The existing role's kind. Default: ClusterRole for a ClusterRoleBinding, else Role.",
          }),
        ),
      },
      { ...closed, description: "The role granted. Default: none (required)." },
    ),
    subjects: Type.Optional(
      Type.Array(
        Type.Object(
          {
            identifier: Type.Optional(
              Type.String({ description: "A chart ServiceAccount id. Default: none." }),
            ),
            kind: Type.Optional(
              Type.Enum(["ServiceAccount", "User", "Group"], {
                description: "The subject's kind. Default: ServiceAccount.",
              }),
            ),
            name: Type.Optional(Type.String({ description: "The subject's name (tpl). Default: none." })),
            namespace: Type.Optional(
              Type.String({ description: "A ServiceAccount's namespace. Default: the release namespace." }),
            ),
          },
          { ...closed, description: "Who is granted the role. Default: none." },
        ),
        { description: "Who is granted the role. Default: []." },
      ),
    ),
  },
  { ...closed, description: "A RoleBinding or ClusterRoleBinding. Default: none." },
);

export const rbacSchema = Type.Object(
  {
    roles: Type.Optional(idMap(roleSchema, "Roles by id. Default: {}.")),
    bindings: Type.Optional(idMap(roleBindingSchema, "Role bindings by id. Default: {}.")),
  },
  { ...closed, description: "RBAC objects of the chart. Default: { roles: {}, bindings: {} }." },
);
export type Rbac = Static<typeof rbacSchema>;

// ---------------------------------------------------------------------------------------- raw resources

export const rawResourceSchema = Type.Object(
  {
    enabled: Type.Optional(enabled("this object")),
    apiVersion: Type.String({
      minLength: 1,
      description: "The object's apiVersion. Default: none (required).",
    }),
    kind: Type.String({ minLength: 1, description: "The object's kind. Default: none (required)." }),
    nameOverride: Type.Optional(
      Type.String({ description: "The object's name (tpl). Default: the component name." }),
    ),
    ...metadataFields("object"),
    spec: Type.Optional(
      open("The object's top-level fields besides apiVersion, kind and metadata (tpl). Default: {}."),
    ),
  },
  { ...closed, description: "Any Kubernetes object. Default: none." },
);
export type RawResource = Static<typeof rawResourceSchema>;

export const rawResourcesSchema = idMap(rawResourceSchema, "Any Kubernetes objects by id. Default: {}.");
export type RawResources = Static<typeof rawResourcesSchema>;

// ---------------------------------------------------------------------------------------- top level

/** The workload and storage keys of the top level of values. */
export const WorkloadValues = Type.Object(
  {
    defaultPodOptions: Type.Optional(podOptionsSchema),
    controllers: Type.Optional(
      idMap(controllerSchema, "Workloads by id; main is named after the release. Default: {}."),
    ),
    persistence: Type.Optional(idMap(persistenceSchema, "Volumes by id. Default: {}.")),
    configMaps: Type.Optional(idMap(configMapSchema, "ConfigMaps by id. Default: {}.")),
    secrets: Type.Optional(idMap(secretSchema, "Secrets by id. Default: {}.")),
    serviceAccount: Type.Optional(idMap(serviceAccountSchema, "ServiceAccounts by id. Default: {}.")),
    rbac: Type.Optional(rbacSchema),
    rawResources: Type.Optional(rawResourcesSchema),
  },
  { ...closed, description: "The workload and storage values of a chart. Default: {}." },
);
export type WorkloadValues = Static<typeof WorkloadValues>;
