import { describe, expect, it } from "vitest";
import { sampleDefinition } from "../chart/fixture.test-helpers.ts";
import { definitionProblems } from "../validate.ts";
import { valkeyController } from "./valkey-controller.ts";

describe("valkeyController", () => {
  const valkey = valkeyController();

  it("is a Valkey Deployment with a TCP liveness and a ping readiness probe", () => {
    expect(valkey.controllers).toEqual({
      redis: {
        type: "deployment",
        containers: {
          main: {
            image: { repository: "docker.io/valkey/valkey", tag: "9.1.0" },
            probes: {
              liveness: { type: "tcp", port: "redis" },
              readiness: { type: "exec", command: ["valkey-cli", "ping"] },
            },
            resources: { requests: { cpu: "20m", memory: "32Mi" }, limits: { memory: "256Mi" } },
          },
        },
      },
    });
  });

  it("brings its Service and an emptyDir for its data", () => {
    expect(valkey.service).toEqual({ redis: { controller: "redis", ports: { redis: { port: 6379 } } } });
    expect(valkey.persistence).toEqual({
      "redis-data": { type: "emptyDir", advancedMounts: { redis: { main: [{ path: "/data" }] } } },
    });
    expect(valkey.host).toBe('{{ include "homelab.componentName" (dict "root" . "id" "redis") }}');
    expect(valkey.port).toBe(6379);
  });

  it("takes another image and resources", () => {
    const main = valkeyController({
      image: { repository: "docker.io/valkey/valkey", tag: "8.1.4" },
      resources: { requests: { cpu: "50m", memory: "64Mi" } },
    }).controllers.redis.containers!.main!;
    expect(main.image.tag).toBe("8.1.4");
    expect(main.resources).toEqual({ requests: { cpu: "50m", memory: "64Mi" } });
  });

  it("makes a valid chart", () => {
    const def = sampleDefinition();
    // The sample's data volume goes to every container at /data, where Valkey mounts its own: main's only here.
    const data = {
      type: "persistentVolumeClaim",
      size: "1Gi",
      advancedMounts: { main: { main: [{ path: "/data" }] } },
    };
    def.values = {
      ...def.values,
      controllers: { ...def.values.controllers, ...valkey.controllers },
      service: { ...def.values.service, ...valkey.service },
      persistence: {
        ...def.values.persistence,
        data,
        ...valkey.persistence,
      } as typeof def.values.persistence,
    };
    expect(definitionProblems(def)).toEqual([]);
  });
});
