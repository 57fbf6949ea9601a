import { describe, expect, it } from "vitest";
import { sampleDefinition } from "../chart/fixture.test-helpers.ts";
import { findDepartures } from "../exceptions.ts";
import { definitionProblems } from "../validate.ts";
import { postgresController } from "./postgres-controller.ts";
import { runAsUser } from "./run-as.ts";

describe("postgresController", () => {
  const pg = postgresController({ database: "forgejo", size: "5Gi" });

  it("is a StatefulSet of the official image with its claim template, env and pg_isready probes", () => {
    const password = { valueFrom: { secretKeyRef: { identifier: "db", key: "POSTGRES_PASSWORD" } } };
    const ready = ["pg_isready", "-U", "forgejo", "-d", "forgejo"];
    expect(pg.controllers).toEqual({
      postgres: {
        type: "statefulset",
        statefulset: {
          volumeClaimTemplates: [
            { name: "pgdata", size: "5Gi", globalMounts: [{ path: "/var/lib/postgresql/data" }] },
          ],
        },
        containers: {
          main: {
            image: { repository: "docker.io/library/postgres", tag: "17.7" },
            env: {
              POSTGRES_USER: "forgejo",
              POSTGRES_DB: "forgejo",
              POSTGRES_PASSWORD: password,
              PGDATA: "/var/lib/postgresql/data/pgdata",
            },
            probes: {
              startup: { type: "exec", command: ready, spec: { periodSeconds: 5, failureThreshold: 60 } },
              liveness: { type: "exec", command: ready },
              readiness: { type: "exec", command: ready },
            },
            resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "1Gi" } },
          },
        },
      },
    });
  });

  it("brings its Service, run directory and generated password", () => {
    expect(pg.service).toEqual({ postgres: { controller: "postgres", ports: { postgres: { port: 5432 } } } });
    expect(pg.persistence).toEqual({
      "pg-run": {
        type: "emptyDir",
        advancedMounts: { postgres: { main: [{ path: "/var/run/postgresql" }] } },
      },
    });
    expect(pg.secrets).toEqual({ db: { generate: { POSTGRES_PASSWORD: { length: 32 } } } });
  });

  it("tells the app where the server is and how to read the password", () => {
    expect(pg.host).toBe('{{ include "homelab.componentName" (dict "root" . "id" "postgres") }}');
    expect(pg.port).toBe(5432);
    expect(pg.passwordEnv()).toEqual({
      valueFrom: { secretKeyRef: { identifier: "db", key: "POSTGRES_PASSWORD" } },
    });
    expect(pg.passwordEnv()).not.toBe(pg.passwordEnv());
  });

  it("takes another image, user, command, env, resources and pod options", () => {
    const custom = postgresController({
      database: "mealie",
      user: "chef",
      size: "2Gi",
      image: { repository: "ghcr.io/immich-app/postgres", tag: "14-vectorchord0.4.3-pgvectors0.2.0" },
      readyCommand: ["pg_isready"],
      env: { PGUSER: "chef" },
      resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "2Gi" } },
      pod: { securityContext: runAsUser(999) },
    }).controllers.postgres;
    const main = custom.containers!.main!;
    expect(main.image).toEqual({
      repository: "ghcr.io/immich-app/postgres",
      tag: "14-vectorchord0.4.3-pgvectors0.2.0",
    });
    expect(main.env).toMatchObject({ POSTGRES_USER: "chef", POSTGRES_DB: "mealie", PGUSER: "chef" });
    expect(main.probes!.liveness).toEqual({ type: "exec", command: ["pg_isready"] });
    expect(main.resources).toEqual({ requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "2Gi" } });
    expect(custom.pod).toEqual({ securityContext: { runAsUser: 999, runAsGroup: 999, fsGroup: 999 } });
    expect(custom.statefulset!.volumeClaimTemplates![0]!.size).toBe("2Gi");
  });

  it("makes a valid chart that stays within the secure defaults", () => {
    const def = sampleDefinition();
    def.values = {
      ...def.values,
      controllers: { ...def.values.controllers, ...pg.controllers },
      service: { ...def.values.service, ...pg.service },
      persistence: { ...def.values.persistence, ...pg.persistence },
      secrets: { ...pg.secrets },
    };
    expect(definitionProblems(def)).toEqual([]);
    expect(findDepartures(def.values as Record<string, unknown>)).toEqual([]);
  });
});
