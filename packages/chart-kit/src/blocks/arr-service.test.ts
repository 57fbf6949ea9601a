import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { buildChart } from "../chart/build-chart.ts";
import { findDepartures } from "../exceptions.ts";
import { definitionProblems } from "../validate.ts";
import { arrService } from "./arr-service.ts";
import { emptyDir } from "./empty-dir.ts";
import { httpProbes, lenientProbeTimings } from "./probes.ts";
import { volumeClaim } from "./volume-claim.ts";

const radarr = () =>
  arrService({
    name: "radarr",
    description: "Radarr, the movie collection manager.",
    home: "https://radarr.video",
    keywords: ["media", "arr"],
    image: { repository: "ghcr.io/home-operations/radarr", tag: "6.4.1.10545" },
    port: 7878,
    resources: { requests: { cpu: "50m", memory: "256Mi" }, limits: { memory: "2Gi" } },
    persistence: {
      config: volumeClaim({ size: "2Gi", path: "/config" }),
      tmp: emptyDir({ path: "/tmp" }),
    },
    allowFrom: ["prowlarr", "jellyseerr"],
  });

describe("arrService", () => {
  it("keeps the chart's metadata", () => {
    const def = radarr();
    expect(def).toMatchObject({
      name: "radarr",
      description: "Radarr, the movie collection manager.",
      home: "https://radarr.video",
      keywords: ["media", "arr"],
    });
    expect(Object.keys(def).sort()).toEqual(["description", "home", "keywords", "name", "values"]);
  });

  it("configures the app through its prefixed variables, the API key from a generated Secret", () => {
    const main = radarr().values.controllers!.main!;
    expect(main.type).toBe("deployment");
    expect(main.strategy).toBe("Recreate");
    expect(main.containers!.main!.env).toEqual({
      TZ: "Etc/UTC",
      RADARR__SERVER__PORT: "7878",
      RADARR__APP__INSTANCENAME: "Radarr",
      RADARR__AUTH__METHOD: "Forms",
      RADARR__AUTH__REQUIRED: "Enabled",
      RADARR__LOG__DBENABLED: "False",
      RADARR__LOG__LEVEL: "info",
      RADARR__AUTH__APIKEY: { valueFrom: { secretKeyRef: { identifier: "app", key: "API_KEY" } } },
    });
    expect(radarr().values.secrets).toEqual({ app: { generate: { API_KEY: { length: 32 } } } });
  });

  it("probes /ping leniently, serves the port and routes its host through Traefik", () => {
    const { values } = radarr();
    // The literal timings are asserted in probes.test.ts.
    expect(values.controllers!.main!.containers!.main!.probes).toEqual(
      httpProbes({ path: "/ping", ...lenientProbeTimings }),
    );
    expect(values.service).toEqual({ main: { controller: "main", ports: { http: { port: 7878 } } } });
    expect(values.ingress).toEqual({
      main: {
        className: "traefik",
        hosts: [
          {
            host: "radarr.home.arpa",
            paths: [{ path: "/", pathType: "Prefix", service: { identifier: "main", port: "http" } }],
          },
        ],
      },
    });
    expect(values.networkpolicies!.main!.allowFrom).toEqual([
      {
        namespaceSelector: {
          matchExpressions: [
            { key: "kubernetes.io/metadata.name", operator: "In", values: ["prowlarr", "jellyseerr"] },
          ],
        },
      },
    ]);
  });

  it("takes another instance name and host, and writes no policy without allowFrom", () => {
    const def = arrService({
      name: "lidarr",
      description: "Lidarr.",
      home: "https://lidarr.audio",
      instanceName: "Music",
      host: "music.example.org",
      image: { repository: "ghcr.io/home-operations/lidarr", tag: "3.1.0.4875" },
      port: 8686,
      resources: {},
      persistence: {},
    });
    expect(def.values.controllers!.main!.containers!.main!.env).toMatchObject({
      LIDARR__APP__INSTANCENAME: "Music",
      LIDARR__SERVER__PORT: "8686",
    });
    expect(def.values.ingress!.main!.hosts![0]!.host).toBe("music.example.org");
    expect(def.values.networkpolicies).toBeUndefined();
  });

  it("builds a valid, restricted chart whose values.yaml spells the values out", () => {
    const def = radarr();
    expect(definitionProblems(def)).toEqual([]);
    expect(findDepartures(def.values as Record<string, unknown>)).toEqual([]);
    const values = YAML.parse(buildChart({ definition: def, version: "0.1.0" }).get("values.yaml")!);
    expect(values.controllers.main.containers.main.env.RADARR__SERVER__PORT).toBe("7878");
    expect(values.persistence.config).toEqual({
      type: "persistentVolumeClaim",
      size: "2Gi",
      globalMounts: [{ path: "/config" }],
    });
  });
});
