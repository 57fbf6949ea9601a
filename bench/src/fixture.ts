import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ServiceDefinition, ServicePackage } from "@homelab/chart-kit";
import { buildChart, chartArchiveName, packageChart, writeChart } from "@homelab/chart-kit";

/**
 * N generated service definitions spread over the chart kit's features:
 * deployments and statefulsets, TCP and UDP ports, LoadBalancer services,
 * PVCs, emptyDirs and ConfigMaps, generated secrets, probes of every kind,
 * second controllers, declared exceptions.
 */
export function fixtureDefinitions(count: number): ServiceDefinition[] {
  return Array.from({ length: count }, (_, i) => {
    const name = `svc-${String(i + 1).padStart(3, "0")}`;
    const def: ServiceDefinition = {
      name,
      description: `Benchmark fixture service ${i + 1}.`,
      home: "https://example.org",
      controllers: {
        main: {
          type: i % 3 === 0 ? "statefulset" : "deployment",
          image: { repository: `registry.example.org/fixture/${name}`, tag: `1.${i}.0` },
          env: { TZ: "Etc/UTC", INDEX: String(i) },
          probes:
            i % 4 === 0
              ? { liveness: { type: "http", path: "/health", port: "http" }, readiness: { type: "tcp", port: "http" } }
              : { liveness: { type: "exec", command: ["true"] } },
          resources: { requests: { cpu: "10m", memory: "32Mi" }, limits: { memory: "128Mi" } },
          ...(i % 7 === 0 ? { capabilities: { add: ["NET_BIND_SERVICE"], reason: "binds a low port" } } : {}),
          ...(i % 11 === 0 ? { runAsRoot: { reason: "fixture" } } : {}),
        },
      },
      services: {
        main: { ports: { http: { port: 8000 + i } } },
        ...(i % 5 === 0 ? { dns: { type: "LoadBalancer" as const, ports: { "dns-tcp": { port: 53 }, "dns-udp": { port: 53, protocol: "UDP" as const } } } } : {}),
      },
      ingress: { main: { port: "http" } },
      persistence: {
        data: { type: "persistentVolumeClaim", mountPath: "/data", size: `${1 + (i % 5)}Gi` },
        tmp: { type: "emptyDir", mountPath: "/tmp" },
        ...(i % 2 === 0 ? { conf: { type: "configMap" as const, mountPath: "/etc/app", configMap: "files" } } : {}),
      },
      ...(i % 2 === 0 ? { configMaps: { files: { "app.conf": `index = ${i}\nname = ${name}\n` } } } : {}),
      ...(i % 3 === 0 ? { secrets: { app: { generate: { KEY: { length: 32 } } } } } : {}),
    };
    if (i % 5 === 0) {
      def.controllers.worker = { image: { repository: "docker.io/library/redis", tag: "7.4.2" }, runAs: { user: 999, group: 999 } };
      def.services!.worker = { controller: "worker", ports: { redis: { port: 6379 } } };
    }
    return def;
  });
}

/** Fixture definitions as in-memory service packages (what the release tool loads from apps/). */
export function fixturePackages(count: number, root: string): Map<string, ServicePackage> {
  return new Map(
    fixtureDefinitions(count).map((definition) => [
      definition.name,
      { dir: join(root, definition.name), root, packageName: `@bench/${definition.name}`, version: "1.0.0", definition, ciValues: {}, chartDir: join(root, "charts", definition.name) },
    ]),
  );
}

/** Definition -> .tgz for N fixtures, into `out`. */
export function buildFixtureArchives(count: number, out: string): void {
  mkdirSync(out, { recursive: true });
  for (const definition of fixtureDefinitions(count)) {
    const files = buildChart({ definition, version: "1.0.0" });
    writeFileSync(join(out, chartArchiveName(definition.name, "1.0.0")), packageChart(definition.name, files));
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
