/** `controllers.<id>`: the workload (deployment, statefulset, daemonset, cronjob, job) and its pods. */
import { Type, type Static } from "typebox";
import {
  annotations,
  closed,
  count,
  enabled,
  ID_PATTERN,
  idMap,
  intOrPercent,
  labels,
  metadataFields,
  open,
} from "./schema-builders.ts";
import { containerSchema } from "./container.ts";
import { mountList } from "./mount.ts";
import { podOptionsSchema } from "./pod-options.ts";

export const claimFields = {
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
