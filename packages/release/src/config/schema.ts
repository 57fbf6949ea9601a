import type { JsonSchema } from "@homelab/chart-kit";

/** A pinned k3s version as the k3s releases name them. */
export const K3S_VERSION_PATTERN = "^v1\\.[0-9]+\\.[0-9]+\\+k3s[0-9]+$";
const DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

/**
 * The JSON schema of `homelab.yaml`, with the services found in `apps/` as the
 * only allowed service names. Editors use the written `homelab.schema.json`;
 * the release tool validates with this same schema.
 */
export function homelabSchema(services: readonly string[]): JsonSchema & { $schema: string; title: string } {
  const secretSource: JsonSchema = {
    type: "object",
    description: "Where the value comes from.",
    properties: { env: { type: "string", pattern: "^[A-Za-z_][A-Za-z0-9_]*$", description: "Environment variable (or key of the ignored .env file)." } },
    required: ["env"],
    additionalProperties: false,
  };
  const service: JsonSchema = {
    type: "object",
    properties: {
      enabled: { type: "boolean", description: "Release this service. Default: true." },
      namespace: { type: "string", pattern: DNS_LABEL, description: "Target namespace. Default: the service name." },
      values: { type: "object", description: "Values merged over the chart's defaults; checked against the chart's values.schema.json." },
      secrets: {
        type: "object",
        description: "Chart secret id -> key -> source; created as Secrets in the namespace, never written into values.",
        additionalProperties: { type: "object", additionalProperties: secretSource },
      },
    },
    additionalProperties: false,
  };
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "homelab.yaml",
    type: "object",
    properties: {
      k3s: {
        type: "object",
        description: "k3s on the hosts.",
        properties: {
          version: { type: "string", pattern: K3S_VERSION_PATTERN, description: "A pinned k3s release, e.g. v1.35.4+k3s1." },
          channel: { type: "string", pattern: "^(stable|latest|testing|v1\\.[0-9]+)$", description: "A k3s channel. Default: stable." },
          extraArgs: { type: "array", items: { type: "string", pattern: "^--" }, description: "Extra k3s flags." },
          installScriptSha256: { type: "string", pattern: "^[0-9a-f]{64}$", description: "sha256 (hex) of the k3s install script; each host checks the script against it before running it." },
          airgap: {
            type: "object",
            properties: { binary: { type: "string" }, images: { type: "string" }, installScript: { type: "string" } },
            required: ["binary", "images", "installScript"],
            additionalProperties: false,
            description: "Install from a local k3s binary, images tarball and install.sh (all of the pinned version).",
          },
        },
        additionalProperties: false,
      },
      hosts: {
        type: "array",
        description: "Hosts k3s runs on; the first server initialises the cluster.",
        items: {
          type: "object",
          properties: {
            name: { type: "string", pattern: DNS_LABEL },
            role: { type: "string", enum: ["server", "agent"] },
            address: { type: "string", minLength: 1, description: "SSH host name or IP, or `local`." },
            user: { type: "string", minLength: 1, description: "SSH user. Default: root. Any other user runs every command through sudo -n, so it needs passwordless sudo." },
            port: { type: "integer", minimum: 1, maximum: 65535 },
            sshKey: { type: "string" },
            knownHosts: { type: "string" },
          },
          required: ["name", "role", "address"],
          additionalProperties: false,
        },
      },
      services: {
        type: "object",
        description: "Services to release, by chart name.",
        properties: Object.fromEntries([...services].sort().map((s) => [s, service])),
        additionalProperties: false,
      },
      release: {
        type: "object",
        properties: {
          timeoutSeconds: { type: "integer", minimum: 10, maximum: 7200 },
          concurrency: { type: "integer", minimum: 1, maximum: 64 },
          helmChartNamespace: { type: "string", pattern: DNS_LABEL },
        },
        additionalProperties: false,
      },
    },
    required: ["services"],
    additionalProperties: false,
  };
}
