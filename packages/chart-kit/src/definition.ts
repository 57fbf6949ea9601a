/**
 * The typed service definition: what an `apps/<service>` package writes and
 * the chart kit turns into a complete Helm chart. Every optional field says
 * its default; the defaults are secure (non-root, read-only root filesystem,
 * all capabilities dropped, seccomp RuntimeDefault, no privilege escalation).
 * Anything a service needs beyond that is declared with a `reason`.
 */

/** A person or team that maintains a chart. */
export interface Maintainer {
  name: string;
  /** Default: none. */
  email?: string;
  /** Default: none. */
  url?: string;
}

/** A container image, always pinned: a tag is required, a digest optional. */
export interface ImageDefinition {
  /** e.g. `docker.io/jellyfin/jellyfin`. */
  repository: string;
  /** A pinned tag; `latest` and empty tags are rejected. Becomes the chart's `appVersion` for the main controller. */
  tag: string;
  /** Default: none. `sha256:<64 hex>` to pin the exact image. */
  digest?: string;
  /** Default: `IfNotPresent`. */
  pullPolicy?: "Always" | "IfNotPresent" | "Never";
}

/** A health probe. `port` names a port of one of the controller's services, or is a number. */
export type ProbeDefinition =
  | { type: "http"; path: string; port: string | number; scheme?: "HTTP" | "HTTPS"; timing?: ProbeTiming }
  | { type: "tcp"; port: string | number; timing?: ProbeTiming }
  | { type: "exec"; command: string[]; timing?: ProbeTiming };

export interface ProbeTiming {
  /** Default: 0 (liveness/readiness), 0 (startup). */
  initialDelaySeconds?: number;
  /** Default: 10. */
  periodSeconds?: number;
  /** Default: 5. */
  timeoutSeconds?: number;
  /** Default: 3 (liveness/readiness), 30 (startup). */
  failureThreshold?: number;
}

export interface ResourceList {
  /** e.g. `100m`. Default: none. */
  cpu?: string;
  /** e.g. `256Mi`. Default: none. */
  memory?: string;
}

export interface ResourcesDefinition {
  /** Default: `{ cpu: "50m", memory: "64Mi" }`: every container requests something. */
  requests?: ResourceList;
  /** Default: none (the service's docs decide). */
  limits?: ResourceList;
}

/** An explicit, documented exception to the secure defaults. */
export interface Exception {
  /** Why the service needs it; printed in the chart README and the generated values. */
  reason: string;
}

/** Who the container runs as. Default: non-root, uid/gid 1000, fsGroup 1000. */
export interface RunAs {
  /** Default: 1000. */
  user?: number;
  /** Default: 1000. */
  group?: number;
  /** Default: same as `group`. */
  fsGroup?: number;
}

/** One workload (a Deployment or StatefulSet with one container). */
export interface ControllerDefinition {
  /** Default: `deployment`. */
  type?: "deployment" | "statefulset";
  image: ImageDefinition;
  /** Default: the image's entrypoint. */
  command?: string[];
  /** Default: the image's cmd. */
  args?: string[];
  /** Plain environment variables; values may use Helm templating (e.g. `{{ include "homelab.fullname" . }}`). Default: none. */
  env?: Record<string, string>;
  /** Environment variables read from a chart secret: `{ VAR: { secret: "<secrets key>", key: "<data key>" } }`. Default: none. */
  secretEnv?: Record<string, { secret: string; key: string }>;
  /** Default: none. */
  probes?: { liveness?: ProbeDefinition; readiness?: ProbeDefinition; startup?: ProbeDefinition };
  /** Default: requests `50m` CPU and `64Mi` memory, no limits. */
  resources?: ResourcesDefinition;
  /** Default: uid/gid 1000. Ignored when `runAsRoot` is set. */
  runAs?: RunAs;
  /** Run as root (the image cannot run otherwise). Default: not set, the container runs as non-root. */
  runAsRoot?: Exception;
  /** Writable root filesystem. Default: not set, the root filesystem is read-only (use `persistence` emptyDirs for scratch paths). */
  writableRootFilesystem?: Exception;
  /** Capabilities to add on top of dropping ALL. Default: none. */
  capabilities?: Exception & { add: string[] };
  /** Use the node's network namespace (discovery protocols, mDNS). Default: not set, pod network. */
  hostNetwork?: Exception;
}

/** A Service exposing ports of one controller. */
export interface ServicePortDefinition {
  port: number;
  /** Default: same as `port`. The port the container listens on. */
  targetPort?: number;
  /** Default: `TCP`. */
  protocol?: "TCP" | "UDP";
}

export interface ServiceDefinitionEntry {
  /** Default: `main`. The controller whose pods receive the traffic. */
  controller?: string;
  /** Default: `ClusterIP`. k3s's servicelb serves `LoadBalancer` on the node's address. */
  type?: "ClusterIP" | "NodePort" | "LoadBalancer";
  /** Port name (DNS-1123 label, at most 15 characters) to port. */
  ports: Record<string, ServicePortDefinition>;
}

/** An Ingress to one service port. Default class: k3s's Traefik. */
export interface IngressDefinition {
  /** Default: `<chart name>.home.arpa`. */
  host?: string;
  /** Default: `/`. */
  path?: string;
  /** Default: `main`. */
  service?: string;
  /** The service's port name. */
  port: string;
  /** Default: `traefik`. */
  className?: string;
  /** Default: true. */
  enabled?: boolean;
}

/** A volume: a PersistentVolumeClaim, an emptyDir, or a chart ConfigMap. */
export type VolumeDefinition =
  | {
      type: "persistentVolumeClaim";
      mountPath: string;
      /** Default: `main`. */
      controller?: string;
      /** e.g. `10Gi`. */
      size: string;
      /** Default: `ReadWriteOnce`. */
      accessMode?: "ReadWriteOnce" | "ReadWriteMany" | "ReadOnlyMany" | "ReadWriteOncePod";
      /** Default: `local-path` (k3s's provisioner). */
      storageClass?: string;
      /** Default: true; the claim survives `helm uninstall` and prune. */
      retain?: boolean;
    }
  | {
      type: "emptyDir";
      mountPath: string;
      /** Default: `main`. */
      controller?: string;
      /** Default: none. */
      sizeLimit?: string;
      /** Default: false. */
      memory?: boolean;
    }
  | {
      type: "configMap";
      mountPath: string;
      /** Default: `main`. */
      controller?: string;
      /** Key of `configMaps` to mount. */
      configMap: string;
    };

/** A Secret generated once at install and kept across upgrades (never in values or git). */
export interface SecretDefinition {
  /** Keys to generate as random alphanumeric strings of the given length. */
  generate: Record<string, { length: number }>;
}

/** Pod Security Standards level a service needs. */
export type PodSecurityLevel = "restricted" | "baseline" | "privileged";

/** A homelab service, as an `apps/<service>` package declares it. */
export interface ServiceDefinition {
  /** Chart name: DNS-1123 label. */
  name: string;
  description: string;
  /** Project homepage. */
  home: string;
  /** Source repositories. Default: none. */
  sources?: string[];
  /** Default: the homelab maintainers. */
  maintainers?: Maintainer[];
  /** Default: none. */
  keywords?: string[];
  /** Default: none. */
  icon?: string;
  /** Default: `>=1.28.0-0`. */
  kubeVersion?: string;
  /** Workloads by id; `main` is required and its image tag is the chart's appVersion. */
  controllers: Record<string, ControllerDefinition>;
  /** Services by id. Default: none. */
  services?: Record<string, ServiceDefinitionEntry>;
  /** Ingresses by id. Default: none. */
  ingress?: Record<string, IngressDefinition>;
  /** Volumes by id. Default: none. */
  persistence?: Record<string, VolumeDefinition>;
  /** ConfigMaps by id: file name to content. Default: none. */
  configMaps?: Record<string, Record<string, string>>;
  /** Generated secrets by id. Default: none. */
  secrets?: Record<string, SecretDefinition>;
  /** Kubernetes objects added as they are (may use Helm templating). Default: none. */
  extraObjects?: Record<string, unknown>[];
}

/** Identity for a definition: `defineService` only checks the type and keeps literal inference. */
export function defineService(definition: ServiceDefinition): ServiceDefinition {
  return definition;
}
