import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ChartValues, ExceptionDefinition, ServiceDefinition, ServicePackage } from "@homelab/chart-kit";
import { buildChart, chartArchiveName, packageChart, writeChart } from "@homelab/chart-kit";

/**
 * N generated service definitions spread over the chart kit's features:
 * deployments, statefulsets with claim templates, daemonsets, cronjobs and
 * jobs; init containers, native sidecars and second containers; TCP and UDP
 * ports, LoadBalancer services, ingresses and Gateway API routes; claims,
 * emptyDirs, ConfigMaps, NFS and hostPath volumes; generated secrets read
 * through env; RBAC; probes of every kind; declared exceptions.
 */
export function fixtureDefinitions(count: number): ServiceDefinition[] {
  return Array.from({ length: count }, (_, i) => fixtureDefinition(i));
}

const TYPES = ["deployment", "statefulset", "deployment", "daemonset", "deployment"] as const;

function fixtureDefinition(i: number): ServiceDefinition {
  const name = `svc-${String(i + 1).padStart(3, "0")}`;
  const type = TYPES[i % TYPES.length]!;
  const exceptions: ExceptionDefinition[] = [];
  const securityContext: Record<string, unknown> = {};
  if (i % 7 === 0) {
    securityContext.capabilities = { add: ["NET_BIND_SERVICE"] };
    exceptions.push({
      kind: "capabilities",
      controller: "main",
      container: "main",
      reason: "binds a low port",
    });
  }
  if (i % 11 === 0) {
    securityContext.runAsUser = 0;
    securityContext.runAsNonRoot = false;
    exceptions.push({ kind: "runAsRoot", controller: "main", container: "main", reason: "fixture" });
  }
  const persistence: ChartValues["persistence"] = {
    ...(type === "statefulset"
      ? { scratch: { type: "emptyDir", globalMounts: [{ path: "/scratch" }] } }
      : {
          data: {
            type: "persistentVolumeClaim",
            size: `${1 + (i % 5)}Gi`,
            globalMounts: [{ path: "/data" }],
          },
        }),
    tmp: { type: "emptyDir", globalMounts: [{ path: "/tmp" }] },
  };
  if (i % 2 === 0)
    persistence.conf = { type: "configMap", identifier: "files", globalMounts: [{ path: "/etc/app" }] };
  if (i % 6 === 0)
    persistence.media = {
      type: "nfs",
      server: "nas.home.arpa",
      path: `/export/${name}`,
      globalMounts: [{ path: "/media", readOnly: true }],
    };
  if (i % 9 === 0) {
    persistence.dri = { type: "hostPath", hostPath: "/dev/dri", globalMounts: [{ path: "/dev/dri" }] };
    exceptions.push({ kind: "hostPath", volume: "dri", reason: "hardware transcoding" });
  }
  if (i % 6 === 0)
    exceptions.push({ kind: "nfs", volume: "media", reason: "the media library lives on the NAS" });
  const main: NonNullable<ChartValues["controllers"]>[string] = {
    type,
    ...(type === "statefulset"
      ? {
          statefulset: {
            volumeClaimTemplates: [{ name: "data", size: "1Gi", globalMounts: [{ path: "/data" }] }],
          },
        }
      : {}),
    ...(i % 4 === 0
      ? {
          initContainers: {
            migrate: {
              image: { repository: `registry.example.org/fixture/${name}`, tag: `1.${i}.0` },
              args: ["migrate"],
            },
            ...(i % 8 === 0
              ? {
                  shipper: {
                    image: { repository: "docker.io/library/busybox", tag: "1.37.0" },
                    restartPolicy: "Always",
                  },
                }
              : {}),
          },
        }
      : {}),
    containers: {
      main: {
        image: { repository: `registry.example.org/fixture/${name}`, tag: `1.${i}.0` },
        env: {
          TZ: "Etc/UTC",
          INDEX: String(i),
          ...(i % 3 === 0 ? { KEY: { valueFrom: { secretKeyRef: { identifier: "app", key: "KEY" } } } } : {}),
        },
        probes:
          i % 4 === 0
            ? {
                liveness: { type: "http", path: "/health", port: "http" },
                readiness: { type: "tcp", port: "http" },
              }
            : { liveness: { type: "exec", command: ["true"] } },
        resources: { requests: { cpu: "10m", memory: "32Mi" }, limits: { memory: "128Mi" } },
        ...(Object.keys(securityContext).length ? { securityContext } : {}),
      },
      ...(i % 10 === 0
        ? {
            exporter: {
              image: { repository: "docker.io/prom/node-exporter", tag: "v1.8.2" },
              ports: [{ name: "metrics", containerPort: 9100 }],
            },
          }
        : {}),
    },
  };
  const controllers: NonNullable<ChartValues["controllers"]> = { main };
  const service: NonNullable<ChartValues["service"]> = {
    main: { controller: "main", ports: { http: { port: 8000 + i } } },
  };
  if (i % 5 === 0) {
    controllers.worker = {
      pod: { securityContext: { runAsUser: 999, runAsGroup: 999 } },
      containers: { main: { image: { repository: "docker.io/library/redis", tag: "7.4.2" } } },
    };
    service.worker = { controller: "worker", ports: { redis: { port: 6379 } } };
    service.dns = {
      controller: "main",
      type: "LoadBalancer",
      ports: { "dns-tcp": { port: 53 }, "dns-udp": { port: 53, protocol: "UDP" } },
    };
  }
  if (i % 12 === 0) {
    controllers.backup = {
      type: "cronjob",
      cronjob: { schedule: "0 3 * * *" },
      containers: {
        main: { image: { repository: "docker.io/library/busybox", tag: "1.37.0" }, args: ["true"] },
      },
    };
  }
  const backend = { identifier: "main", port: "http" };
  return {
    name,
    description: `Benchmark fixture service ${i + 1}.`,
    home: "https://example.org",
    exceptions,
    values: {
      controllers,
      service,
      ingress: { main: { hosts: [{ host: `${name}.home.arpa`, paths: [{ path: "/", service: backend }] }] } },
      ...(i % 4 === 1
        ? {
            route: {
              main: {
                parentRefs: [{ name: "traefik-gateway", namespace: "kube-system" }],
                hostnames: [`${name}.example.org`],
                rules: [{ backendRefs: [backend] }],
              },
            },
          }
        : {}),
      persistence,
      ...(i % 2 === 0
        ? { configMaps: { files: { data: { "app.conf": `index = ${i}\nname = ${name}\n` } } } }
        : {}),
      ...(i % 3 === 0 ? { secrets: { app: { generate: { KEY: { length: 32 } } } } } : {}),
      ...(i % 13 === 0
        ? {
            serviceAccount: { main: {} },
            rbac: {
              roles: {
                main: {
                  type: "ClusterRole",
                  rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get", "list"] }],
                },
              },
              bindings: {
                main: {
                  type: "ClusterRoleBinding",
                  roleRef: { identifier: "main" },
                  subjects: [{ identifier: "main" }],
                },
              },
            },
          }
        : {}),
    },
  };
}

/** Fixture definitions as in-memory service packages (what the release tool loads from apps/). */
export function fixturePackages(count: number, root: string): Map<string, ServicePackage> {
  return new Map(
    fixtureDefinitions(count).map((definition) => [
      definition.name,
      {
        dir: join(root, definition.name),
        root,
        packageName: `@bench/${definition.name}`,
        version: "1.0.0",
        definition,
        ciValues: {},
        chartDir: join(root, "charts", definition.name),
      },
    ]),
  );
}

/** Definition -> .tgz for N fixtures, into `out`. */
export function buildFixtureArchives(count: number, out: string): void {
  mkdirSync(out, { recursive: true });
  for (const definition of fixtureDefinitions(count)) {
    const files = buildChart({ definition, version: "1.0.0" });
    writeFileSync(
      join(out, chartArchiveName(definition.name, "1.0.0")),
      packageChart(definition.name, files),
    );
  }
}

/** Writes the N fixture chart directories (the baseline's input: what `helm package` reads). */
export function writeFixtureCharts(count: number, out: string): string[] {
  return fixtureDefinitions(count).map((definition) => {
    const dir = join(out, definition.name);
    writeChart(dir, buildChart({ definition, version: "1.0.0" }));
    return dir;
  });
}
