/** The homelab config file (`homelab.yaml` at the repository root). */
export interface HomelabConfig {
  /** k3s on the hosts. Default: the stable channel, no extra args. */
  k3s?: K3sConfig;
  /** The hosts k3s runs on; the first server initialises the cluster. Default: none (release into an existing cluster). */
  hosts?: HostConfig[];
  /** Services by name (the chart name, e.g. `jellyfin`). A service not listed is not released. */
  services: Record<string, ServiceConfig>;
  /** Release settings. */
  release?: ReleaseSettings;
}

export interface K3sConfig {
  /** A pinned k3s release, e.g. `v1.35.4+k3s1`. Default: none, use `channel`. */
  version?: string;
  /** A k3s channel (`stable`, `latest`, `v1.35`). Default: `stable` when no version is set. */
  channel?: string;
  /** Extra flags for `k3s server` (and agents), e.g. `--disable=servicelb`. Default: none. */
  extraArgs?: string[];
  /**
   * sha256 (hex) of the k3s install script you reviewed. When set, each host checks the script it
   * fetched (or, with `airgap`, the local file is checked) before running it. Default: not set;
   * the script comes from the pinned version's tag and verifies the k3s binary's own sha256.
   */
  installScriptSha256?: string;
  /** Install from local files instead of the network (the airgap install). Default: not set. */
  airgap?: { binary: string; images: string; installScript: string };
}

export interface HostConfig {
  /** A name for messages, e.g. `nas`. */
  name: string;
  /** `server` runs the control plane, `agent` only workloads. */
  role: "server" | "agent";
  /** SSH address (host name or IP), or `local` for this machine. */
  address: string;
  /** SSH user. Default: `root`. Any other user runs every command through `sudo -n`, so it needs passwordless sudo. */
  user?: string;
  /** SSH port. Default: 22. */
  port?: number;
  /** SSH private key file. Default: the SSH agent / ssh's own defaults. */
  sshKey?: string;
  /** known_hosts file used to verify the host key. Default: ~/.ssh/known_hosts. */
  knownHosts?: string;
}

/** Where a secret value comes from: an environment variable (or the ignored .env file). */
export interface SecretSource {
  env: string;
}

export interface ServiceConfig {
  /** Release this service. Default: true. */
  enabled?: boolean;
  /** Target namespace. Default: the service's name. */
  namespace?: string;
  /** Values merged over the chart's defaults (into the HelmChart's valuesContent). Default: none. */
  values?: Record<string, unknown>;
  /** Chart secrets supplied by you: secret id -> key -> source. Created as Secrets in the namespace, never in values. */
  secrets?: Record<string, Record<string, SecretSource>>;
}

export interface ReleaseSettings {
  /** Seconds to wait for each service's install Job. Default: 600. */
  timeoutSeconds?: number;
  /** HelmCharts applied at once. Default: 8. */
  concurrency?: number;
  /** Namespace of the HelmChart objects. Default: `kube-system` (where k3s keeps its own). */
  helmChartNamespace?: string;
}
