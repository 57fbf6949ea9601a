/**
 * `services.<name>.chart`: a chart that is not one of ours, from a Helm repository or an OCI
 * registry, at a pinned version. Part of homelab.yaml's schema (config/schema.ts).
 */
import { Type, type Static } from "typebox";

/** An exact chart version (SemVer 2), not a range: `1.16.2`, `v0.5.0`, `2.0.0-rc.1`. */
export const PINNED_VERSION_PATTERN = "^v?[0-9]+\\.[0-9]+\\.[0-9]+(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?$";

const envSource = (description: string, example: string) =>
  Type.Object(
    {
      env: Type.String({
        pattern: "^[A-Za-z_][A-Za-z0-9_]*$",
        description: `Environment variable (or key of the ignored .env file) holding the ${description}. Default: none (required).`,
        examples: [example],
      }),
    },
    {
      additionalProperties: false,
      description: `Where the ${description} comes from. Default: none (required).`,
    },
  );

export const ChartSourceSchema = Type.Object(
  {
    repo: Type.Optional(
      Type.String({
        pattern: "^https?://[^\\s]+$",
        description:
          "URL of a Helm repository (the directory with index.yaml). Give `name` with it; not with `oci`. Default: none.",
        examples: ["https://charts.jetstack.io"],
      }),
    ),
    name: Type.Optional(
      Type.String({
        pattern: "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
        description: "The chart's name in the Helm repository `repo`. Default: none (required with repo).",
        examples: ["cert-manager"],
      }),
    ),
    oci: Type.Optional(
      Type.String({
        pattern: "^oci://[^\\s:]+(:[0-9]+)?/[^\\s:@]+$",
        description:
          "The chart in an OCI registry, without a tag: `oci://<registry>/<path>/<chart>`. Not with `repo`. Default: none.",
        examples: ["oci://ghcr.io/example/charts/app"],
      }),
    ),
    version: Type.String({
      pattern: PINNED_VERSION_PATTERN,
      description:
        "The exact chart version (a pin, not a range); a version the repository does not have stops the release before anything is written. Default: none (required).",
      examples: ["v1.19.1", "1.2.3"],
    }),
    repoCA: Type.Optional(
      Type.String({
        minLength: 1,
        description:
          "PEM file of the CA that signed the repository's or registry's HTTPS certificate, relative to homelab.yaml (HelmChart repoCA). Default: the system's CAs.",
        examples: ["certs/internal-ca.pem"],
      }),
    ),
    authSecret: Type.Optional(
      Type.Object(
        {
          username: envSource("user name", "CHARTS_USER"),
          password: envSource("password", "CHARTS_PASSWORD"),
        },
        {
          additionalProperties: false,
          description:
            "Basic-auth credentials of a private Helm repository, from the environment or .env; the release keeps them in a kubernetes.io/basic-auth Secret beside the HelmChart (HelmChart authSecret). Default: none (a public repository).",
        },
      ),
    ),
    allowInsecureCredentials: Type.Optional(
      Type.Boolean({
        description:
          "With authSecret and a plain http:// repo: send the credentials anyway, in clear text that anyone on the network path can read. Default: false (refused).",
      }),
    ),
    plainHttp: Type.Optional(
      Type.Boolean({
        description:
          "With oci: the registry speaks plain HTTP (a local registry), not HTTPS (HelmChart plainHTTP). Default: false.",
      }),
    ),
  },
  {
    additionalProperties: false,
    description:
      "An upstream chart instead of one from apps/: `repo` + `name`, or `oci`, with a pinned `version`. Its values are checked by `helm template` of the pulled chart. Default: none (the chart of apps/<name>).",
  },
);

export type ChartSource = Static<typeof ChartSourceSchema>;
