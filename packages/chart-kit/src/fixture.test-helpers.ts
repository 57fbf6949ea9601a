import type { ServiceDefinition } from "./definition.ts";

/** A small valid definition that tests change one field at a time. */
export function sampleDefinition(): ServiceDefinition {
  return {
    name: "sample",
    description: "A sample service.",
    home: "https://example.org",
    controllers: {
      main: {
        image: { repository: "docker.io/library/nginx", tag: "1.27.3" },
        probes: { liveness: { type: "http", path: "/", port: "http" } },
      },
    },
    services: { main: { ports: { http: { port: 8080 } } } },
    ingress: { main: { port: "http" } },
    persistence: {
      data: { type: "persistentVolumeClaim", mountPath: "/data", size: "1Gi" },
      conf: { type: "configMap", mountPath: "/etc/sample", configMap: "files" },
    },
    configMaps: { files: { "sample.conf": "listen 8080;\n" } },
  };
}
