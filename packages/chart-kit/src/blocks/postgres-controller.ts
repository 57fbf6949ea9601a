/**
 * A service's own PostgreSQL: a StatefulSet with its data claim, a Service, the run directory a
 * read-only root filesystem needs, and a generated password.
 */
import type { Service } from "../values-model/service.ts";
import type { Secret } from "../values-model/config-map-secret.ts";
import type { Container } from "../values-model/container.ts";
import type { Controller } from "../values-model/controller.ts";
import type { Persistence } from "../values-model/persistence.ts";
import type { PodOptions } from "../values-model/pod-options.ts";
import { componentName } from "./component-name.ts";
import { emptyDir } from "./empty-dir.ts";
import { generatedSecret } from "./generated-secret.ts";
import { execProbes } from "./probes.ts";
import { type EnvValue, secretEnv } from "./secret-env.ts";

/** Options of {@link postgresController}. */
export interface PostgresControllerOptions {
  /** The database the app uses (POSTGRES_DB). */
  readonly database: string;
  /** The user the app connects as (POSTGRES_USER). Default: the database's name. */
  readonly user?: string;
  /** The size of the data claim (one per pod: the `pgdata` claim template). */
  readonly size: string;
  /** The PostgreSQL image. Default: `{ repository: "docker.io/library/postgres", tag: "17.7" }`. */
  readonly image?: Container["image"];
  /**
   * Requests and limits of the postgres container.
   * Default: `{ requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "1Gi" } }`.
   */
  readonly resources?: Container["resources"];
  /** The probes' command. Default: `["pg_isready", "-U", <user>, "-d", <database>]`. */
  readonly readyCommand?: readonly string[];
  /** More environment of the postgres container (e.g. PGUSER, POSTGRES_INITDB_ARGS). Default: none. */
  readonly env?: Readonly<Record<string, EnvValue>>;
  /** Pod options of the postgres pod, e.g. `{ securityContext: runAsUser(999) }`. Default: none (the chart's). */
  readonly pod?: PodOptions;
}

/**
 * What {@link postgresController} adds to a chart's values, by values key: spread each into the
 * map of the same name (`controllers: { main, ...postgres.controllers }`), and reach the server
 * with `host`, `port` and `passwordEnv()`.
 */
export interface PostgresParts {
  /** `controllers.postgres`: the StatefulSet. */
  readonly controllers: { postgres: Controller };
  /** `service.postgres`: port `postgres` (5432). */
  readonly service: { postgres: Service };
  /** `persistence["pg-run"]`: the server's Unix socket and lock file directory. */
  readonly persistence: Record<string, Persistence>;
  /** `secrets.db`: POSTGRES_PASSWORD, 32 random characters, generated once. */
  readonly secrets: { db: Secret };
  /** The server's host name (a tpl of the `postgres` Service's name). */
  readonly host: string;
  /** The server's port. */
  readonly port: 5432;
  /** The password, as an env value for the app's container. */
  passwordEnv(): EnvValue;
}

/**
 * A PostgreSQL server of the service's own: the `postgres` StatefulSet (the official image's
 * environment; PGDATA a subdirectory of the claim, so initdb does not trip over lost+found), its
 * Service, the `pg-run` emptyDir for /var/run/postgresql (the image's directory is on the
 * read-only root filesystem) and the generated password in the Secret `db`, key
 * POSTGRES_PASSWORD. Probes: the ready command; startup every 5 s for up to 5 minutes.
 *
 * An installer with an existing database disables `controllers.postgres` and `service.postgres`
 * and points the app's env at it (or sets `secrets.db.existingSecret`).
 *
 * @example
 * const postgres = postgresController({ database: "forgejo", size: "5Gi" });
 * // values: { controllers: { main, ...postgres.controllers }, service: { main, ...postgres.service },
 * //           persistence: { data, ...postgres.persistence }, secrets: { ...postgres.secrets } }
 */
export function postgresController(options: PostgresControllerOptions): PostgresParts {
  const {
    database,
    user = database,
    size,
    image = { repository: "docker.io/library/postgres", tag: "17.7" },
    resources = { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "1Gi" } },
    readyCommand = ["pg_isready", "-U", user, "-d", database],
    env = {},
    pod,
  } = options;
  const passwordEnv = () => secretEnv("db", "POSTGRES_PASSWORD");
  const controller: Controller = {
    type: "statefulset",
    ...(pod === undefined ? {} : { pod }),
    statefulset: {
      volumeClaimTemplates: [{ name: "pgdata", size, globalMounts: [{ path: "/var/lib/postgresql/data" }] }],
    },
    containers: {
      main: {
        image: { ...image },
        env: {
          POSTGRES_USER: user,
          POSTGRES_DB: database,
          POSTGRES_PASSWORD: passwordEnv(),
          PGDATA: "/var/lib/postgresql/data/pgdata",
          ...env,
        },
        probes: execProbes({ command: readyCommand, startup: { periodSeconds: 5, failureThreshold: 60 } }),
        resources,
      },
    },
  };
  return {
    controllers: { postgres: controller },
    service: { postgres: { controller: "postgres", ports: { postgres: { port: 5432 } } } },
    persistence: {
      "pg-run": emptyDir({ path: "/var/run/postgresql", mountIn: { controller: "postgres" } }),
    },
    secrets: { db: generatedSecret({ POSTGRES_PASSWORD: 32 }) },
    host: componentName("postgres"),
    port: 5432,
    passwordEnv,
  };
}
