/**
 * Building blocks for service definitions: small typed functions that return pieces of the values
 * model (probes, volumes, ingresses, secrets, a database controller, ...) so that repeated shapes
 * are written once. Each returns plain values, exactly what a definition would spell out.
 */
export type { ArrServiceOptions } from "./arr-service.ts";
export { arrService } from "./arr-service.ts";
export { allowFromNamespaces } from "./allow-from-namespaces.ts";
export { componentName } from "./component-name.ts";
export type { EmptyDirOptions } from "./empty-dir.ts";
export { emptyDir } from "./empty-dir.ts";
export { generatedSecret } from "./generated-secret.ts";
export type { HostIngressOptions } from "./host-ingress.ts";
export { hostIngress } from "./host-ingress.ts";
export { ingressHost } from "./ingress-host.ts";
export type { MountTarget } from "./mounts.ts";
export type { PostgresControllerOptions, PostgresParts } from "./postgres-controller.ts";
export { postgresController } from "./postgres-controller.ts";
export type {
  ContainerProbes,
  ExecProbesOptions,
  HttpProbesOptions,
  ProbeTiming,
  ProbeTimings,
  TcpProbesOptions,
} from "./probes.ts";
export { execProbes, httpProbes, lenientProbeTimings, tcpProbes } from "./probes.ts";
export type { PodIdentity, RunAsRootOptions, RunAsUserOptions } from "./run-as.ts";
export { runAsRoot, runAsUser } from "./run-as.ts";
export type { EnvValue } from "./secret-env.ts";
export { secretEnv } from "./secret-env.ts";
export type { SharedMediaTreeOptions } from "./shared-media-tree.ts";
export { sharedMediaTreeCiValues } from "./shared-media-tree.ts";
export type { ValkeyControllerOptions, ValkeyParts } from "./valkey-controller.ts";
export { valkeyController } from "./valkey-controller.ts";
export type { VolumeClaimOptions } from "./volume-claim.ts";
export { volumeClaim } from "./volume-claim.ts";
