import { readFileSync } from "node:fs";
import { Value } from "typebox/value";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

import { configMapSchema, secretSchema } from "./config-map-secret.ts";
import { containerSchema } from "./container.ts";
import { controllerSchema } from "./controller.ts";
import { persistenceSchema } from "./persistence.ts";
import { podOptionsSchema } from "./pod-options.ts";
import { rawResourcesSchema } from "./raw-resource.ts";
import { rbacSchema } from "./rbac.ts";
import { serviceAccountSchema } from "./service-account.ts";
import { WorkloadValues, type WorkloadValues as WorkloadValuesType } from "./workloads.ts";
import { describeSchemaDocumentation, valuesFixture } from "./schema-checks.test-helpers.ts";

const image = { repository: "ghcr.io/example/app", tag: "1.0.0" };

/** Every key of every workload and storage entry, set once. */
const full = {
  defaultPodOptions: {
    affinity: { nodeAffinity: {} },
    annotations: { note: "pods" },
    labels: { tier: "web" },
    automountServiceAccountToken: false,
    dnsConfig: { options: [{ name: "ndots", value: "1" }] },
    dnsPolicy: "ClusterFirst",
    enableServiceLinks: false,
    hostAliases: [{ ip: "10.0.0.1", hostnames: ["nas"] }],
    hostIPC: false,
    hostNetwork: false,
    hostPID: false,
    imagePullSecrets: [{ name: "regcred" }],
    nodeSelector: { "kubernetes.io/arch": "amd64" },
    priorityClassName: "low",
    restartPolicy: "Always",
    runtimeClassName: "runc",
    schedulerName: "default-scheduler",
    securityContext: { fsGroup: 2000 },
    shareProcessNamespace: false,
    terminationGracePeriodSeconds: 30,
    tolerations: [{ key: "dedicated", operator: "Exists" }],
    topologySpreadConstraints: [{ maxSkew: 1, topologyKey: "zone", whenUnsatisfiable: "ScheduleAnyway" }],
  },
  controllers: {
    main: {
      enabled: true,
      type: "deployment",
      annotations: { note: "{{ .Release.Name }}" },
      labels: { tier: "web" },
      replicas: 1,
      strategy: "RollingUpdate",
      rollingUpdate: { unavailable: 0, surge: "25%" },
      revisionHistoryLimit: 3,
      serviceAccount: { identifier: "main" },
      pod: { hostNetwork: true, securityContext: { runAsUser: 0, runAsNonRoot: false } },
      initContainers: {
        "wait-db": { image, command: "sh", args: ["-c", "until nc -z db 5432; do sleep 1; done"] },
        proxy: {
          image,
          restartPolicy: "Always",
          dependsOn: ["wait-db"],
          probes: { readiness: { type: "http", path: "/ready", port: 15000 } },
        },
      },
      containers: {
        main: {
          enabled: true,
          nameOverride: "app",
          primary: true,
          image: { ...image, digest: "sha256:0123", pullPolicy: "IfNotPresent" },
          command: ["app"],
          args: ["serve"],
          workingDir: "/srv",
          env: {
            TZ: "Etc/UTC",
            PORT: 8080,
            DEBUG: false,
            URL: { value: "https://{{ .Release.Name }}" },
            SECRET_KEY: { valueFrom: { secretKeyRef: { identifier: "app", key: "SECRET_KEY" } } },
            MODE: { valueFrom: { configMapKeyRef: { name: "shared", key: "mode", optional: true } } },
            POD_IP: { valueFrom: { fieldRef: { fieldPath: "status.podIP" } } },
            MEMORY: { valueFrom: { resourceFieldRef: { resource: "limits.memory" } } },
          },
          envFrom: [
            { secretRef: { identifier: "app", optional: false } },
            { configMapRef: { name: "shared" }, prefix: "SHARED_" },
          ],
          ports: [{ name: "metrics", containerPort: 9090, protocol: "TCP", hostPort: 9090 }],
          probes: {
            liveness: {
              enabled: true,
              type: "http",
              path: "/healthz",
              port: "http",
              spec: { periodSeconds: 20 },
            },
            readiness: { type: "grpc", port: 9090, service: "health" },
            startup: { type: "exec", command: ["cat", "/tmp/ready"] },
          },
          lifecycle: { preStop: { exec: { command: ["sleep", "5"] } } },
          resources: { requests: { cpu: "100m" }, limits: { "gpu.intel.com/i915": 1 } },
          securityContext: { readOnlyRootFilesystem: false },
        },
      },
    },
    db: {
      type: "statefulset",
      strategy: "OnDelete",
      rollingUpdate: { partition: 0 },
      statefulset: {
        podManagementPolicy: "Parallel",
        volumeClaimTemplates: [
          {
            enabled: true,
            name: "pgdata",
            size: "10Gi",
            accessMode: "ReadWriteOnce",
            storageClass: "-",
            dataSourceRef: { kind: "VolumeSnapshot", name: "snap" },
            volumeName: "pv-1",
            labels: { backup: "daily" },
            annotations: { note: "db" },
            globalMounts: [{ path: "/var/lib/postgresql/data" }],
            advancedMounts: { main: [{ path: "/backup", readOnly: true }] },
          },
        ],
      },
      containers: { main: { image } },
    },
    backup: {
      type: "cronjob",
      cronjob: {
        schedule: "0 3 * * *",
        timeZone: "Europe/Berlin",
        concurrencyPolicy: "Forbid",
        suspend: false,
        startingDeadlineSeconds: 60,
        successfulJobsHistory: 1,
        failedJobsHistory: 1,
        ttlSecondsAfterFinished: 3600,
        backoffLimit: 6,
        parallelism: 1,
      },
      containers: { main: { image } },
    },
    setup: {
      type: "job",
      job: {
        suspend: false,
        ttlSecondsAfterFinished: 60,
        backoffLimit: 2,
        parallelism: 1,
        completions: 1,
        completionMode: "NonIndexed",
        activeDeadlineSeconds: 600,
      },
      serviceAccount: { name: "existing" },
      containers: { main: { image } },
    },
  },
  persistence: {
    data: {
      enabled: true,
      type: "persistentVolumeClaim",
      size: "5Gi",
      accessMode: "ReadWriteOnce",
      storageClass: "local-path",
      existingClaim: "",
      retain: true,
      dataSourceRef: { kind: "PersistentVolumeClaim", name: "old" },
      volumeName: "pv-2",
      labels: { backup: "daily" },
      annotations: { note: "data" },
      globalMounts: [{ path: "/data", subPath: "app", readOnly: false, mountPropagation: "None" }],
      advancedMounts: { main: { main: [{ path: "/more" }], proxy: [{ path: "/proxy" }] } },
    },
    cache: { type: "emptyDir", medium: "Memory", sizeLimit: "1Gi", globalMounts: [{ path: "/cache" }] },
    config: {
      type: "configMap",
      identifier: "config",
      items: [{ key: "a", path: "b" }],
      defaultMode: 420,
      optional: false,
      globalMounts: [{ path: "/config" }],
    },
    keys: { type: "secret", name: "ssh-keys", defaultMode: "0400", globalMounts: [{ path: "/keys" }] },
    media: {
      type: "nfs",
      server: "nas.home.arpa",
      path: "/export/media",
      globalMounts: [{ path: "/media" }],
    },
    dri: {
      type: "hostPath",
      hostPath: "/dev/dri",
      hostPathType: "Directory",
      globalMounts: [{ path: "/dev/dri" }],
    },
    smb: {
      type: "custom",
      volumeSpec: { csi: { driver: "smb.csi.k8s.io" } },
      globalMounts: [{ path: "/smb" }],
    },
  },
  configMaps: {
    config: {
      enabled: true,
      annotations: { note: "config" },
      labels: { kind: "settings" },
      templated: true,
      data: { "app.yaml": "name: {{ .Release.Name }}" },
    },
  },
  secrets: {
    app: {
      enabled: true,
      annotations: { note: "app" },
      labels: { kind: "login" },
      templated: true,
      stringData: { USER: "admin" },
      generate: { SECRET_KEY: { length: 48 }, TOKEN: {} },
      existingSecret: "",
    },
  },
  serviceAccount: { main: { enabled: true, annotations: { note: "sa" }, labels: { kind: "sa" } } },
  rbac: {
    roles: {
      main: {
        enabled: true,
        type: "Role",
        annotations: { note: "role" },
        labels: { kind: "role" },
        rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get"] }],
      },
    },
    bindings: {
      main: {
        enabled: true,
        type: "RoleBinding",
        annotations: { note: "binding" },
        labels: { kind: "binding" },
        roleRef: { identifier: "main" },
        subjects: [{ identifier: "main" }, { kind: "ServiceAccount", name: "other", namespace: "tools" }],
      },
      view: { type: "ClusterRoleBinding", roleRef: { name: "view", kind: "ClusterRole" }, subjects: [] },
    },
  },
  rawResources: {
    pdb: {
      enabled: true,
      apiVersion: "policy/v1",
      kind: "PodDisruptionBudget",
      nameOverride: "{{ .Release.Name }}-pdb",
      annotations: { note: "pdb" },
      labels: { kind: "pdb" },
      spec: { spec: { maxUnavailable: 1 } },
    },
  },
} satisfies WorkloadValuesType;

const { check, errorPaths, withValue, without } = valuesFixture(WorkloadValues, full);

describe("workload and storage values", () => {
  it("accepts a full example that sets every key", () => {
    expect(errorPaths(full)).toEqual([]);
    expect(Value.Check(WorkloadValues, full)).toBe(true);
  });

  it("accepts empty maps and minimal entries", () => {
    const minimal = {
      controllers: { main: { containers: { main: { image } } } },
      persistence: { data: { size: "1Gi", globalMounts: [{ path: "/data" }] } },
      configMaps: { config: {} },
      secrets: { app: {} },
      serviceAccount: { main: {} },
      rbac: { roles: {}, bindings: {} },
      rawResources: {},
    };
    expect(errorPaths(minimal)).toEqual([]);
    expect(errorPaths({})).toEqual([]);
  });

  it("accepts the workload values of the library's full-featured test values", () => {
    const url = new URL("../../library/test-chart/ci/full-values.yaml", import.meta.url);
    // YAML 1.1, as helm reads it
    const values = parse(readFileSync(url, "utf8"), { version: "1.1" }) as Record<string, unknown>;
    const workloads = Object.fromEntries(Object.entries(values).filter(([key]) => key !== "service"));
    expect(Object.keys(workloads)).toContain("controllers");
    expect(errorPaths(workloads)).toEqual([]);
  });

  it.each([
    ["/controllers/main/replica", 1],
    ["/controllers/main/pod/hostnetwork", true],
    ["/controllers/main/containers/main/imag", image],
    ["/controllers/main/containers/main/image/tags", "1.0.0"],
    ["/controllers/main/containers/main/probes/liveness/timeout", 5],
    ["/controllers/main/containers/main/probes/ready", {}],
    ["/controllers/main/containers/main/env/URL/valu", "x"],
    ["/controllers/main/containers/main/envFrom/0/secretRef/identifer", "app"],
    ["/controllers/main/initContainers/proxy/dependOn", ["wait-db"]],
    ["/controllers/backup/cronjob/scedule", "0 3 * * *"],
    ["/controllers/setup/job/backofflimit", 1],
    ["/controllers/db/statefulset/volumeClaimTemplates/0/storageclass", "x"],
    ["/defaultPodOptions/nodeselector", {}],
    ["/persistence/data/globalMounts/0/mountpath", "/data"],
    ["/persistence/data/advancedMounts/main/main/0/readonly", true],
    ["/persistence/media/sever", "nas"],
    ["/configMaps/config/dat", {}],
    ["/secrets/app/generate/SECRET_KEY/lenght", 32],
    ["/secrets/app/existingsecret", "x"],
    ["/serviceAccount/main/annotation", {}],
    ["/rbac/role", {}],
    ["/rbac/bindings/main/roleRef/identifer", "main"],
    ["/rbac/bindings/main/subjects/0/namspace", "x"],
    ["/rawResources/pdb/metadata", {}],
  ])("refuses the misspelled key %s with its path", (pointer, value) => {
    const errors = check.Errors(withValue(pointer, value));
    expect(errors.map((e) => e.instancePath)).toContain(pointer);
  });

  it.each([
    ["/controllers/main/type", "replicaset"],
    ["/controllers/main/replicas", -1],
    ["/controllers/main/strategy", "Rolling"],
    ["/controllers/main/rollingUpdate/surge", "25"],
    ["/controllers/main/containers/main/restartPolicy", "OnFailure"],
    ["/controllers/main/containers/main/probes/liveness/type", "socket"],
    ["/controllers/main/containers/main/ports/0/name", "a-very-long-port-name"],
    ["/controllers/main/containers/main/ports/0/containerPort", 70000],
    ["/controllers/main/containers/main/image/pullPolicy", "Sometimes"],
    ["/controllers/main/containers/main/env/URL", ["x"]],
    ["/controllers/backup/cronjob/concurrencyPolicy", "Never"],
    ["/persistence/data/type", "pvc"],
    ["/persistence/data/accessMode", "RWO"],
    ["/persistence/keys/defaultMode", "0999"],
    ["/persistence/data/globalMounts/0/mountPropagation", "Both"],
    ["/configMaps/config/data/app.yaml", { a: 1 }],
    ["/secrets/app/generate/SECRET_KEY/length", 0],
    ["/rbac/roles/main/type", "Group"],
    ["/rbac/bindings/main/subjects/0/kind", "Team"],
  ])("refuses a wrong value at %s", (pointer, value) => {
    expect(errorPaths(withValue(pointer, value))).toContain(pointer);
  });

  it("refuses entries that miss a required key, naming the entry", () => {
    const noTag = check.Errors(without("/controllers/main/containers/main/image/tag"));
    expect(noTag.map((e) => [e.instancePath, e.message])).toContainEqual([
      "/controllers/main/containers/main/image",
      "must have required properties tag",
    ]);
    expect(errorPaths(without("/controllers/backup/cronjob/schedule"))).toContain(
      "/controllers/backup/cronjob",
    );
    expect(errorPaths(without("/controllers/db/statefulset/volumeClaimTemplates/0/size"))).toContain(
      "/controllers/db/statefulset/volumeClaimTemplates/0",
    );
    expect(errorPaths(without("/persistence/data/globalMounts/0/path"))).toContain(
      "/persistence/data/globalMounts/0",
    );
    expect(errorPaths(without("/rawResources/pdb/kind"))).toContain("/rawResources/pdb");
    expect(errorPaths(without("/rbac/bindings/main/roleRef"))).toContain("/rbac/bindings/main");
  });

  it("refuses ids Kubernetes cannot use in names, and bad env and data keys", () => {
    expect(errorPaths(withValue("/controllers/Main", { containers: {} }))).toContain("/controllers/Main");
    expect(errorPaths(withValue("/persistence/my_data", { type: "emptyDir" }))).toContain(
      "/persistence/my_data",
    );
    expect(errorPaths(withValue("/controllers/main/containers/main/env/1BAD NAME", "x"))).toContain(
      "/controllers/main/containers/main/env/1BAD NAME",
    );
    expect(errorPaths(withValue("/configMaps/config/data/a b", "x"))).toContain(
      "/configMaps/config/data/a b",
    );
  });

  it("keeps Kubernetes structures open", () => {
    expect(errorPaths(withValue("/defaultPodOptions/affinity/podAntiAffinity", { anything: true }))).toEqual(
      [],
    );
    expect(
      errorPaths(withValue("/controllers/main/containers/main/securityContext/privileged", true)),
    ).toEqual([]);
    expect(
      errorPaths(withValue("/controllers/main/containers/main/resources/limits", { "nvidia.com/gpu": 1 })),
    ).toEqual([]);
    expect(errorPaths(withValue("/persistence/smb/volumeSpec/csi/volumeAttributes", { a: "b" }))).toEqual([]);
    expect(errorPaths(withValue("/rawResources/pdb/spec/data", { a: "b" }))).toEqual([]);
  });
});

describeSchemaDocumentation("workload schema documentation", WorkloadValues, {
  controllerSchema,
  containerSchema,
  podOptionsSchema,
  persistenceSchema,
  configMapSchema,
  secretSchema,
  serviceAccountSchema,
  rbacSchema,
  rawResourcesSchema,
});
