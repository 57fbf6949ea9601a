/**
 * The workload and storage half of the values model (library/VALUES.md): `defaultPodOptions`,
 * `controllers` (with their containers and pod options), `persistence`, `configMaps`, `secrets`,
 * `serviceAccount`, `rbac` and `rawResources`. Each entry is a closed object, so a misspelled key
 * is refused with its path; Kubernetes structures the library passes through (affinity,
 * securityContext, resources, lifecycle, volume sources, probe specs, rules...) stay open. Every
 * node's description ends with its default, as the library templates apply it. Each kind has its
 * own file (controller.ts, container.ts, pod-options.ts, mount.ts, persistence.ts,
 * config-map-secret.ts, service-account.ts, rbac.ts, raw-resource.ts); this one composes them.
 */
import { Type, type Static } from "typebox";
import { closed, idMap } from "./schema-builders.ts";
import { configMapSchema, secretSchema } from "./config-map-secret.ts";
import { controllerSchema } from "./controller.ts";
import { persistenceSchema } from "./persistence.ts";
import { podOptionsSchema } from "./pod-options.ts";
import { rawResourcesSchema } from "./raw-resource.ts";
import { rbacSchema } from "./rbac.ts";
import { serviceAccountSchema } from "./service-account.ts";

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
