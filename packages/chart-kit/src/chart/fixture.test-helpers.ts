import type { ServiceDefinition } from "../definition.ts";

/** A small valid definition that tests change one field at a time. */
export function sampleDefinition(): ServiceDefinition {
  return {
    name: "sample",
    description: "A sample service.",
    home: "https://example.org",
    values: {
      controllers: {
        main: {
          containers: {
            main: {
              image: { repository: "docker.io/library/nginx", tag: "1.27.3" },
              probes: { liveness: { type: "http", path: "/", port: "http" } },
            },
          },
        },
      },
      service: { main: { controller: "main", ports: { http: { port: 8080 } } } },
      ingress: {
        main: {
          hosts: [
            {
              host: "sample.home.arpa",
              paths: [{ path: "/", service: { identifier: "main", port: "http" } }],
            },
          ],
        },
      },
      persistence: {
        data: { type: "persistentVolumeClaim", size: "1Gi", globalMounts: [{ path: "/data" }] },
        conf: { type: "configMap", identifier: "files", globalMounts: [{ path: "/etc/sample" }] },
      },
      configMaps: { files: { data: { "sample.conf": "listen 8080;\n" } } },
    },
  };
}
