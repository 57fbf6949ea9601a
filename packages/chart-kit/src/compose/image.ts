/**
 * A Compose `image:` reference split into the values model's repository, tag
 * and digest, with Docker Hub's implied names written out, and whether the tag
 * pins a release.
 */
import { placeholdersIn } from "./interpolate.ts";

export interface ImageRef {
  /** e.g. `docker.io/library/redis`, `ghcr.io/immich-app/immich-server`. */
  repository: string;
  /** The tag as given when it pins a release; else `latest`, which the build refuses until a person pins it. */
  tag: string;
  /** `sha256:...` when given. */
  digest?: string;
  /** Why the tag does not pin a release (untagged, latest, a moving tag, a variable); undefined when it does. */
  unpinned?: string;
}

/** Tags projects move to each new release. */
const MOVING_TAGS = new Set([
  "latest",
  "stable",
  "release",
  "main",
  "master",
  "edge",
  "nightly",
  "dev",
  "develop",
  "development",
  "beta",
  "alpha",
  "rolling",
  "lts",
  "current",
  "testing",
  "unstable",
  "preview",
  "next",
  "canary",
]);

/** Splits an image reference. `docker.io/` (and `library/` for official images) is written out. */
export function parseImage(reference: string): ImageRef {
  let rest = reference.trim();
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const slash = rest.lastIndexOf("/");
  const colon = rest.lastIndexOf(":");
  let tag = "";
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const parts = rest.split("/");
  const first = parts[0] ?? "";
  const hasRegistry =
    parts.length > 1 && (first.includes(".") || first.includes(":") || first === "localhost");
  let repository = rest;
  if (!hasRegistry) repository = `docker.io/${parts.length === 1 ? "library/" : ""}${rest}`;
  else if (first === "index.docker.io" || first === "registry-1.docker.io")
    repository = `docker.io/${parts.slice(1).join("/")}`;
  if (repository.startsWith("docker.io/") && repository.split("/").length === 2) {
    repository = repository.replace("docker.io/", "docker.io/library/");
  }
  let unpinned: string | undefined;
  if (placeholdersIn(tag).length) unpinned = `its tag "${tag}" comes from a variable import cannot resolve`;
  else if (!tag) unpinned = "it has no tag (Docker pulls latest)";
  else if (MOVING_TAGS.has(tag.toLowerCase())) unpinned = `its tag "${tag}" moves with every release`;
  return {
    repository,
    tag: unpinned ? "latest" : tag,
    ...(digest ? { digest } : {}),
    ...(unpinned ? { unpinned } : {}),
  };
}

/** The project's likely homepage from its image: its GitHub repository, Docker Hub page or registry path. */
export function homeOf(repository: string): { home: string; source?: string } {
  const [registry, ...path] = repository.split("/");
  if (registry === "ghcr.io" && path.length >= 2) {
    const url = `https://github.com/${path[0]}/${path[1]}`;
    return { home: url, source: url };
  }
  if (registry === "docker.io") {
    if (path[0] === "library") return { home: `https://hub.docker.com/_/${path.slice(1).join("/")}` };
    return { home: `https://hub.docker.com/r/${path.join("/")}` };
  }
  if (registry === "lscr.io" && path[0] === "linuxserver" && path[1]) {
    return {
      home: `https://docs.linuxserver.io/images/docker-${path[1]}`,
      source: `https://github.com/linuxserver/docker-${path[1]}`,
    };
  }
  if (registry === "quay.io" || registry === "gcr.io") return { home: `https://${repository}` };
  return { home: `https://${repository}` };
}

/** Images of databases and caches, which run best as a StatefulSet. */
export const isDatabaseImage = (repository: string): boolean =>
  /(^|\/)(postgres|postgresql|pgvecto-rs|mariadb|mysql|mongo|mongodb|redis|valkey|keydb|dragonfly|memcached|influxdb|clickhouse|elasticsearch|opensearch|meilisearch|couchdb|cassandra|etcd)([-_]|$)/.test(
    repository.split("/").slice(1).join("/"),
  );

/** The port images of well-known servers listen on, by repository name. */
const DEFAULT_PORTS: [RegExp, number][] = [
  [/postgres|pgvecto-rs/, 5432],
  [/redis|valkey|keydb|dragonfly/, 6379],
  [/mariadb|mysql/, 3306],
  [/mongo/, 27017],
  [/memcached/, 11211],
  [/influxdb/, 8086],
  [/elasticsearch|opensearch/, 9200],
  [/meilisearch/, 7700],
  [/couchdb/, 5984],
  [/rabbitmq/, 5672],
  [/mosquitto/, 1883],
  [/nats/, 4222],
];

/** The port a well-known server image listens on, or undefined. */
export function defaultPortOf(repository: string): number | undefined {
  const path = repository.split("/").slice(1).join("/");
  return DEFAULT_PORTS.find(([pattern]) => pattern.test(path))?.[1];
}
