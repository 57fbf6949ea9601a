/** A container or init container of a controller: image, command, env, ports, probes, security. */
import { Type, type Static } from "typebox";
import {
  closed,
  commandList,
  enabled,
  ENV_NAME_PATTERN,
  keyedMap,
  open,
  PORT_NAME_PATTERN,
  portRef,
  reference,
  stringList,
} from "./schema-builders.ts";

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
