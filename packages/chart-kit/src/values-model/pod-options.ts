/** Pod options: `defaultPodOptions` and `controllers.<id>.pod`. */
import { Type, type Static } from "typebox";
import { closed, count, metadataFields, open, openList, stringMap } from "./schema-builders.ts";

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
