/**
 * homelab.yaml, described once: the TypeScript types (Static), the JSON schema that editors
 * read (`homelab.schema.json`, written by `pnpm --filter @homelab/release build`) and the
 * validation the release runs (validate-config.ts) all come from these TypeBox schemas.
 * Every description ends with the field's default. A pattern carries `examples`, which the
 * validation's fixes quote.
 */
import { Type, type Static } from "typebox";
import { K3sComponentsSchema } from "../components/k3s-components.ts";
import {
  HOST_ADDRESS_MAX_LENGTH,
  HOST_ADDRESS_PATTERN,
  HOST_USER_PATTERN,
  K3S_FLAG_MAX_LENGTH,
  K3S_FLAG_PATTERN,
} from "../k3s/host-patterns.ts";
import { ChartSourceSchema } from "../upstream/chart-source-schema.ts";

/** A pinned k3s version as the k3s releases name them. */
export const K3S_VERSION_PATTERN = "^v1\\.[0-9]+\\.[0-9]+\\+k3s[0-9]+$";
const DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
const dnsLabel = (description: string, example: string) =>
  Type.String({ pattern: DNS_LABEL, maxLength: 63, description, examples: [example] });

/**
 * The longest service name: helm-controller names a service's install Job `helm-install-<name>`,
 * which must be a DNS-1123 label (63 characters).
 */
export const SERVICE_NAME_MAX_LENGTH = 63 - "helm-install-".length;
/**
 * A service's name, as `services:` keys and `needs:` items: it becomes the HelmChart's and the
 * helm release's name, the install Job's, Secrets' names (`homelab-<name>-...`) and file names,
 * so a DNS-1123 label (lower-case letters, digits, `-`) no longer than SERVICE_NAME_MAX_LENGTH.
 */
export const ServiceNameSchema = Type.String({
  pattern: DNS_LABEL,
  maxLength: SERVICE_NAME_MAX_LENGTH,
  description: `a service's name is a DNS-1123 label of at most ${SERVICE_NAME_MAX_LENGTH} characters (lower-case letters, digits and -, a letter or digit at each end)`,
  examples: ["cert-manager"],
});

/** A key of a Secret's data, as Kubernetes accepts it (IsConfigMapKey): `[-._a-zA-Z0-9]+`, at most 253. */
export const SECRET_KEY_PATTERN = "^[-._a-zA-Z0-9]+$";
const SecretKeySchema = Type.String({
  pattern: SECRET_KEY_PATTERN,
  maxLength: 253,
  description: "a Secret's data key has only letters, digits, -, _ and . (at most 253 characters)",
  examples: ["ADMIN_TOKEN"],
});
/** A chart secret's id: part of the Secret's name `homelab-<service>-<id>`. */
const SecretIdSchema = Type.String({
  pattern: DNS_LABEL,
  maxLength: 63,
  description: "a chart secret's id is a DNS-1123 label (its Secret is named homelab-<service>-<id>)",
  examples: ["admin"],
});

export const K3sConfigSchema = Type.Object(
  {
    version: Type.Optional(
      Type.String({
        pattern: K3S_VERSION_PATTERN,
        description: "A pinned k3s release. Default: none, `channel` decides.",
        examples: ["v1.35.4+k3s1"],
      }),
    ),
    channel: Type.Optional(
      Type.String({
        pattern: "^(stable|latest|testing|v1\\.[0-9]+)$",
        description:
          "A k3s channel: stable, latest, testing or a minor such as v1.35. Default: stable when no version is set.",
        examples: ["stable", "v1.35"],
      }),
    ),
    extraArgs: Type.Optional(
      Type.Array(
        Type.String({
          pattern: K3S_FLAG_PATTERN,
          maxLength: K3S_FLAG_MAX_LENGTH,
          examples: ["--disable=servicelb", "--node-label=zone=attic"],
        }),
        {
          description:
            "Extra flags for `k3s server` (and agents), each one `--flag` or `--flag=value` token (no spaces, quotes or backslashes). Default: none.",
        },
      ),
    ),
    installScriptSha256: Type.Optional(
      Type.String({
        pattern: "^[0-9a-f]{64}$",
        description:
          "sha256 (hex) of the k3s install script you reviewed; each host checks the script it fetched " +
          "(with `airgap`, the local file is checked) before running it. Default: not set; the script comes " +
          "from the pinned version's tag and verifies the k3s binary's own sha256.",
        examples: ["`sha256sum install.sh` of the script you reviewed (64 hex digits)"],
      }),
    ),
    airgap: Type.Optional(
      Type.Object(
        {
          binary: Type.String({
            minLength: 1,
            description:
              "The k3s binary of the pinned version, relative to homelab.yaml. Default: none (required).",
            examples: ["airgap/k3s"],
          }),
          images: Type.String({
            minLength: 1,
            description:
              "k3s-airgap-images-<arch>.tar.zst of the pinned version, relative to homelab.yaml. Default: none (required).",
            examples: ["airgap/k3s-airgap-images-amd64.tar.zst"],
          }),
          installScript: Type.String({
            minLength: 1,
            description:
              "install.sh of the pinned version, relative to homelab.yaml. Default: none (required).",
            examples: ["airgap/install.sh"],
          }),
        },
        {
          additionalProperties: false,
          description:
            "Install from a local k3s binary, images tarball and install.sh (all of the pinned version). Default: not set, k3s is downloaded.",
        },
      ),
    ),
    components: Type.Optional(K3sComponentsSchema),
  },
  {
    additionalProperties: false,
    description: "k3s on the hosts. Default: the stable channel, no extra flags.",
  },
);

export const HostConfigSchema = Type.Object(
  {
    name: dnsLabel("A name for messages. Default: none (required).", "nas"),
    role: Type.Enum(["server", "agent"], {
      description: "`server` runs the control plane, `agent` only workloads. Default: none (required).",
    }),
    address: Type.String({
      minLength: 1,
      maxLength: HOST_ADDRESS_MAX_LENGTH,
      pattern: HOST_ADDRESS_PATTERN,
      description:
        "SSH host name, IPv4 or IPv6 address (no brackets), or `local` for this machine. Default: none (required).",
      examples: ["192.168.1.10", "nas.lan", "fd00::10", "local"],
    }),
    user: Type.Optional(
      Type.String({
        minLength: 1,
        pattern: HOST_USER_PATTERN,
        description:
          "SSH user. Any user but root runs every command through `sudo -n`, so it needs passwordless sudo. Default: root.",
        examples: ["root", "pi"],
      }),
    ),
    port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535, description: "SSH port. Default: 22." })),
    sshKey: Type.Optional(
      Type.String({
        minLength: 1,
        description: "SSH private key file. Default: the SSH agent and ssh's own defaults.",
        examples: ["~/.ssh/id_ed25519"],
      }),
    ),
    knownHosts: Type.Optional(
      Type.String({
        minLength: 1,
        description: "known_hosts file that verifies the host key. Default: ~/.ssh/known_hosts.",
        examples: ["~/.ssh/known_hosts"],
      }),
    ),
  },
  { additionalProperties: false, description: "One host k3s runs on. Default: none." },
);

export const SecretSourceSchema = Type.Object(
  {
    env: Type.String({
      pattern: "^[A-Za-z_][A-Za-z0-9_]*$",
      description:
        "Environment variable (or key of the ignored .env file) holding the value. Default: none (required).",
      examples: ["VAULTWARDEN_ADMIN_TOKEN"],
    }),
  },
  { additionalProperties: false, description: "Where a secret value comes from. Default: none." },
);

/** helm-controller's install settings, for all services (`release:`) or one (`services.<name>:`). */
const installFields = (scope: string) => ({
  backOffLimit: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 20,
      description:
        `Failed install attempts after which helm-controller's install Job of ${scope} fails for good (HelmChart ` +
        "backOffLimit: the Job restarts helm on failure, and the job controller counts the restarts). Default: 3.",
    }),
  ),
  timeout: Type.Optional(
    Type.String({
      pattern: "^[1-9][0-9]*(s|m|h)$",
      description: `helm's --timeout for each install attempt of ${scope} (HelmChart timeout). Default: 10m.`,
      examples: ["10m", "600s", "1h"],
    }),
  ),
  failurePolicy: Type.Optional(
    Type.Enum(["retry", "abort", "reinstall"], {
      description:
        `What helm-controller does with a failed install or upgrade of ${scope}: retry (upgrade from the failed state ` +
        "when the next release changes it), abort (leave it failed until fixed by hand with helm) or reinstall " +
        "(uninstall, then install). Default: retry.",
    }),
  ),
});

export const ServiceConfigSchema = Type.Object(
  {
    enabled: Type.Optional(Type.Boolean({ description: "Release this service. Default: true." })),
    namespace: Type.Optional(dnsLabel("Target namespace. Default: the service's name.", "media")),
    values: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), {
        description:
          "Values merged over the chart's defaults (into the HelmChart's valuesContent), checked against the chart's values.schema.json. Default: none.",
      }),
    ),
    secrets: Type.Optional(
      Type.Record(
        Type.String(),
        Type.Record(Type.String(), SecretSourceSchema, { propertyNames: SecretKeySchema }),
        {
          propertyNames: SecretIdSchema,
          description:
            "Chart secrets you supply: secret id -> key -> source. Created as Secrets in the namespace, never written into values. Default: none.",
        },
      ),
    ),
    chart: Type.Optional(ChartSourceSchema),
    needs: Type.Optional(
      Type.Array(ServiceNameSchema, {
        description:
          "Services released (and running) before this one; if one of them fails, this one is skipped. Default: none.",
      }),
    ),
    ...installFields("this service"),
  },
  { additionalProperties: false, description: "One service. Default: not released unless listed." },
);

export const ReleaseSettingsSchema = Type.Object(
  {
    timeoutSeconds: Type.Optional(
      Type.Integer({
        minimum: 10,
        maximum: 7200,
        description: "Seconds to wait for each service: its install Job, then its pods ready. Default: 600.",
      }),
    ),
    concurrency: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 64,
        description:
          "Services installing at once (HelmChart applied, install Job running); a service waiting for its pods gives its place back. Default: 8.",
      }),
    ),
    helmChartNamespace: Type.Optional(
      dnsLabel(
        "Namespace of the HelmChart objects. Default: kube-system (where k3s keeps its own).",
        "kube-system",
      ),
    ),
    ...installFields("every service"),
  },
  { additionalProperties: false, description: "Release settings. Default: the defaults of each field." },
);

const SERVICES_DESCRIPTION =
  "Services by chart name (e.g. jellyfin). A service not listed is not released. Default: none (required).";

/** homelab.yaml with any service name; homelabSchema() closes `services` to the services in apps/. */
export const HomelabConfigSchema = Type.Object(
  {
    k3s: Type.Optional(K3sConfigSchema),
    hosts: Type.Optional(
      Type.Array(HostConfigSchema, {
        description:
          "The hosts k3s runs on; the first server initialises the cluster. Default: none (release into an existing cluster).",
      }),
    ),
    services: Type.Record(Type.String(), ServiceConfigSchema, {
      propertyNames: ServiceNameSchema,
      description: SERVICES_DESCRIPTION,
    }),
    release: Type.Optional(ReleaseSettingsSchema),
  },
  { additionalProperties: false },
);

export type HomelabConfig = Static<typeof HomelabConfigSchema>;
export type K3sConfig = Static<typeof K3sConfigSchema>;
export type HostConfig = Static<typeof HostConfigSchema>;
export type ServiceConfig = Static<typeof ServiceConfigSchema>;

/** A service that names an upstream chart: any name, `chart` required. */
const UpstreamServiceConfigSchema = Type.Object(
  { ...ServiceConfigSchema.properties, chart: ChartSourceSchema },
  {
    additionalProperties: false,
    description: "A service from an upstream chart (`chart:`). Default: not released unless listed.",
  },
);

/**
 * The schema of `homelab.yaml` with the services found in `apps/` as service names:
 * editors read it as `homelab.schema.json` (any other name needs `chart:`), and the release
 * validates with it, given the `upstream` names that have `chart:` (others are unknown keys).
 */
export function homelabSchema(services: readonly string[], upstream?: readonly string[]) {
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "homelab.yaml",
    ...HomelabConfigSchema,
    properties: {
      ...HomelabConfigSchema.properties,
      services: Type.Object(
        Object.fromEntries([
          ...[...services].sort().map((s) => [s, Type.Optional(ServiceConfigSchema)]),
          ...[...(upstream ?? [])]
            .filter((s) => !services.includes(s))
            .sort()
            .map((s) => [s, Type.Optional(UpstreamServiceConfigSchema)]),
        ]),
        {
          additionalProperties: upstream ? false : UpstreamServiceConfigSchema,
          propertyNames: ServiceNameSchema,
          description: SERVICES_DESCRIPTION,
        },
      ),
    },
  };
}
