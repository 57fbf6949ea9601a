/**
 * The Compose service keys the importer turns into values, and for every other
 * key why it is not imported (and what to use instead): listed in the warnings
 * and at the top of the draft, never dropped silently.
 */

/** Keys the importer reads. */
export const IMPORTED_KEYS = new Set([
  "image", "command", "entrypoint", "working_dir", "environment", "env_file", "ports", "expose", "volumes",
  "tmpfs", "shm_size", "devices", "user", "group_add", "cap_add", "cap_drop", "privileged", "read_only",
  "network_mode", "pid", "ipc", "healthcheck", "depends_on", "stop_grace_period", "mem_limit",
  "mem_reservation", "cpus", "deploy", "pull_policy", "build",
]);

/** Keys with no chart equivalent, and why. */
const NOT_IMPORTED: Record<string, string> = {
  restart: "Kubernetes restarts failed containers itself",
  container_name: "objects are named after the release",
  hostname: "pods are named by Kubernetes",
  domainname: "pods are named by Kubernetes",
  networks: "pods reach each other through Services; the network policy isolates the release",
  labels: "Docker labels mean nothing here (the ingress replaces Traefik labels)",
  annotations: "Docker annotations mean nothing here",
  logging: "Kubernetes keeps container logs itself",
  secrets: "mount a Secret instead (persistence type secret)",
  configs: "mount a ConfigMap instead (persistence type configMap)",
  extra_hosts: "use controllers.<id>.pod.hostAliases",
  dns: "use controllers.<id>.pod.dnsConfig",
  dns_search: "use controllers.<id>.pod.dnsConfig",
  dns_opt: "use controllers.<id>.pod.dnsConfig",
  sysctls: "use controllers.<id>.pod.securityContext.sysctls (only safe sysctls without an exception)",
  ulimits: "Kubernetes has no per-container ulimits: the node's limits apply",
  security_opt: "seccomp RuntimeDefault and no privilege escalation are the chart's defaults already",
  init: "Kubernetes has no init flag: use an image with an init process, or shareProcessNamespace",
  stdin_open: "a chart's containers run without a terminal",
  tty: "a chart's containers run without a terminal",
  links: "use the linked service's Service name",
  external_links: "use the Service name of the other release",
  volumes_from: "share a claim (persistence) between controllers instead",
  profiles: "a chart enables parts with values (enabled: false) instead",
  scale: "use controllers.<id>.replicas",
  extends: "import the service the file extends, or merge it by hand",
  runtime: "use controllers.<id>.pod.runtimeClassName",
  gpus: "request the GPU through its device plugin's resource in resources",
  platform: "the node's architecture decides; use a multi-arch image",
  stop_signal: "Kubernetes sends SIGTERM: use a preStop hook in lifecycle",
  cpu_shares: "use resources.requests.cpu",
  cpu_quota: "use resources.limits.cpu",
  cpu_period: "use resources.limits.cpu",
  cpuset: "use the node's CPU manager",
  memswap_limit: "Kubernetes nodes run without swap by default",
  mem_swappiness: "Kubernetes nodes run without swap by default",
  oom_score_adj: "Kubernetes sets it from the pod's QoS class",
  oom_kill_disable: "Kubernetes sets it from the pod's QoS class",
  pids_limit: "the kubelet's pod PID limit applies",
  userns_mode: "use controllers.<id>.pod.hostUsers (not in the values model yet)",
  uts: "pods have their own UTS namespace",
  cgroup: "pods have their own cgroup namespace",
  cgroup_parent: "the kubelet places pods in cgroups",
  isolation: "Windows containers are not supported",
  mac_address: "pods get their address from the cluster network",
  develop: "Compose Watch is a development feature",
  attach: "logs are read with kubectl logs",
  post_start: "use lifecycle.postStart",
  pre_stop: "use lifecycle.preStop",
  storage_opt: "use a claim's size",
  blkio_config: "Kubernetes has no block I/O weights",
  device_cgroup_rules: "give the container the device (privileged or a device plugin)",
  credential_spec: "Windows containers are not supported",
  label_file: "Docker labels mean nothing here",
  use_api_socket: "there is no Docker API in the cluster",
  provider: "Compose providers are not supported",
  models: "Compose models are not supported",
};

/** Why `key` of a service is not imported, or undefined when the importer reads it. */
export function notImportedReason(key: string): string | undefined {
  if (IMPORTED_KEYS.has(key)) return undefined;
  if (key.startsWith("x-")) return "an extension field (x-*) has no meaning here";
  return NOT_IMPORTED[key] ?? "is not a Compose service key (misspelled?)";
}
