/** `serviceMonitor.<id>` and `podMonitor.<id>`: Prometheus Operator scrape configs. */
import { Type, type Static, type TSchema } from "typebox";
import { closed, enabled, metadataFields, open, openList, portRef, stringList } from "./schema-builders.ts";

const endpointFields = {
  path: Type.Optional(Type.String({ description: "The metrics path. Default: /metrics (Prometheus)." })),
  scheme: Type.Optional(Type.Enum(["http", "https"], { description: "The scheme. Default: http." })),
  interval: Type.Optional(
    Type.String({ description: "The scrape interval, e.g. 30s. Default: Prometheus's." }),
  ),
  scrapeTimeout: Type.Optional(
    Type.String({ description: "The scrape timeout, e.g. 10s. Default: Prometheus's." }),
  ),
  honorLabels: Type.Optional(
    Type.Boolean({ description: "Keep the target's labels on conflicts. Default: false." }),
  ),
  honorTimestamps: Type.Optional(
    Type.Boolean({ description: "Keep the target's timestamps. Default: true." }),
  ),
  params: Type.Optional(open("URL parameters of the scrape. Default: {}.")),
  relabelings: Type.Optional(
    openList("Relabelings before the scrape (RelabelConfig). Default: [].", "A relabeling."),
  ),
  metricRelabelings: Type.Optional(
    openList("Relabelings of the scraped samples. Default: [].", "A relabeling."),
  ),
  tlsConfig: Type.Optional(open("TLS settings of the scrape (SafeTLSConfig). Default: {}.")),
  authorization: Type.Optional(open("Authorization header settings. Default: {}.")),
  basicAuth: Type.Optional(open("Basic authentication settings. Default: {}.")),
  bearerTokenSecret: Type.Optional(open("A Secret key holding a bearer token. Default: {}.")),
  followRedirects: Type.Optional(Type.Boolean({ description: "Follow HTTP redirects. Default: true." })),
  enableHttp2: Type.Optional(Type.Boolean({ description: "Use HTTP/2. Default: true." })),
  proxyUrl: Type.Optional(Type.String({ description: "A proxy to scrape through. Default: unset." })),
  filterRunning: Type.Optional(
    Type.Boolean({ description: "Drop targets of pods that are not running. Default: true." }),
  ),
};

/** One scraped endpoint of a monitor: its port, then the settings every endpoint has. */
const scrapedEndpoint = <P extends TSchema>(port: P) =>
  Type.Object(
    { port, ...endpointFields },
    { ...closed, description: "One scraped endpoint. Default: none." },
  );

export const ServiceMonitorEndpoint = scrapedEndpoint(
  Type.Optional(
    portRef(
      "A port of the service, by name or number (rendered as its name). " +
        "Default: the service's primary or only port.",
    ),
  ),
);
export type ServiceMonitorEndpoint = Static<typeof ServiceMonitorEndpoint>;

export const ServiceMonitor = Type.Object(
  {
    enabled: Type.Optional(enabled("this ServiceMonitor (when the cluster has the CRD)", false)),
    ...metadataFields("ServiceMonitor"),
    service: Type.Optional(
      Type.Object(
        {
          identifier: Type.Optional(
            Type.String({ description: "The id of a chart service (service.<id>). Default: none." }),
          ),
        },
        {
          ...closed,
          description: "The chart service to scrape (required unless selector is given). Default: none.",
        },
      ),
    ),
    selector: Type.Optional(open("A LabelSelector of Services, replacing service. Default: {} (unset).")),
    endpoints: Type.Optional(
      Type.Array(ServiceMonitorEndpoint, {
        description: "The endpoints to scrape (at least one). Default: none (required).",
      }),
    ),
    jobLabel: Type.Optional(
      Type.String({ description: "The Service label whose value becomes the job name. Default: unset." }),
    ),
    targetLabels: Type.Optional(
      stringList("Service labels copied onto the metrics. Default: [].", "A label name."),
    ),
  },
  { ...closed, description: "One ServiceMonitor (Prometheus operator). Default: none." },
);
export type ServiceMonitor = Static<typeof ServiceMonitor>;

export const PodMonitorEndpoint = scrapedEndpoint(
  Type.String({
    minLength: 1,
    description: "The name of a container port. Default: none (required).",
  }),
);
export type PodMonitorEndpoint = Static<typeof PodMonitorEndpoint>;

export const PodMonitor = Type.Object(
  {
    enabled: Type.Optional(enabled("this PodMonitor (when the cluster has the CRD)", false)),
    ...metadataFields("PodMonitor"),
    controller: Type.Optional(
      Type.String({ description: "The controller whose pods are scraped. Default: main.", default: "main" }),
    ),
    selector: Type.Optional(open("A LabelSelector of pods, replacing controller. Default: {} (unset).")),
    endpoints: Type.Optional(
      Type.Array(PodMonitorEndpoint, {
        description:
          "The endpoints to scrape (rendered as podMetricsEndpoints; at least one). " +
          "Default: none (required).",
      }),
    ),
    jobLabel: Type.Optional(
      Type.String({ description: "The pod label whose value becomes the job name. Default: unset." }),
    ),
    podTargetLabels: Type.Optional(
      stringList("Pod labels copied onto the metrics. Default: [].", "A label name."),
    ),
  },
  { ...closed, description: "One PodMonitor (Prometheus operator). Default: none." },
);
export type PodMonitor = Static<typeof PodMonitor>;
