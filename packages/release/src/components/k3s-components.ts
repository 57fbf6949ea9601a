/**
 * What k3s ships besides Kubernetes itself, as `k3s.components` configures it: each can be
 * disabled (`k3s server --disable <name>`); those k3s installs as a HelmChart of its own in
 * kube-system (Traefik) also take values, through a HelmChartConfig of the same name.
 */
import { Type, type Static } from "typebox";

/** A component k3s packages, and how it is installed. */
export interface K3sComponent {
  /** The name `--disable` takes. */
  name: string;
  /** What it is, for messages. */
  what: string;
  /** The HelmChart k3s applies for it in kube-system, when it is one; values go to a HelmChartConfig of this name. */
  helmChart?: string;
}

/** k3s's packaged components (k3s `--disable` names), alphabetically. */
export const K3S_COMPONENTS: readonly K3sComponent[] = [
  { name: "coredns", what: "CoreDNS, the cluster DNS" },
  { name: "local-storage", what: "the local-path provisioner (storage class local-path)" },
  { name: "metrics-server", what: "metrics-server (kubectl top, autoscaling)" },
  { name: "servicelb", what: "ServiceLB (klipper-lb), LoadBalancer services on the nodes' ports" },
  { name: "traefik", what: "Traefik, the ingress controller", helmChart: "traefik" },
];

const enabled = (what: string) =>
  Type.Optional(
    Type.Boolean({
      description: `Run ${what}. false adds \`--disable\` to the k3s install flags (the installer re-runs when this changes). Default: true.`,
    }),
  );

const component = (c: K3sComponent) =>
  c.helmChart
    ? Type.Object(
        {
          enabled: enabled(c.what),
          values: Type.Optional(
            Type.Record(Type.String(), Type.Unknown(), {
              description: `Values for k3s's own ${c.helmChart} chart, written as the HelmChartConfig kube-system/${c.helmChart} (helm-controller merges them over k3s's). Default: none (k3s's values).`,
            }),
          ),
        },
        { additionalProperties: false, description: `${c.what}. Default: enabled, k3s's values.` },
      )
    : Type.Object(
        { enabled: enabled(c.what) },
        { additionalProperties: false, description: `${c.what}. Default: enabled.` },
      );

export const K3sComponentsSchema = Type.Object(
  {
    coredns: Type.Optional(component(K3S_COMPONENTS[0]!)),
    "local-storage": Type.Optional(component(K3S_COMPONENTS[1]!)),
    "metrics-server": Type.Optional(component(K3S_COMPONENTS[2]!)),
    servicelb: Type.Optional(component(K3S_COMPONENTS[3]!)),
    traefik: Type.Optional(component(K3S_COMPONENTS[4]!)),
  },
  {
    additionalProperties: false,
    description:
      "The components k3s ships: disable them, or give Traefik values (a HelmChartConfig). Default: every component enabled with k3s's values.",
  },
);

export type K3sComponentsConfig = Static<typeof K3sComponentsSchema>;
type Entry = { enabled?: boolean; values?: Record<string, unknown> };

const entries = (components: K3sComponentsConfig | undefined) =>
  Object.entries(components ?? {}) as [string, Entry | undefined][];

/** The components the config disables, sorted. */
export function disabledComponents(components: K3sComponentsConfig | undefined): string[] {
  return entries(components)
    .filter(([, c]) => c?.enabled === false)
    .map(([n]) => n)
    .sort();
}

/** `--disable=<name>` for each disabled component: the flags k3s server is installed with. */
export const disableFlags = (components: K3sComponentsConfig | undefined) =>
  disabledComponents(components).map((n) => `--disable=${n}`);

/** Component name -> values, for the enabled components that have values. */
export function componentValues(
  components: K3sComponentsConfig | undefined,
): Map<string, Record<string, unknown>> {
  return new Map(
    entries(components)
      .filter(([, c]) => c?.enabled !== false && c?.values && Object.keys(c.values).length > 0)
      .map(([n, c]) => [n, c!.values!]),
  );
}

/** The components a list of k3s flags disables (`--disable=traefik`, `--disable traefik`, `--disable=a,b`). */
export function disabledByFlags(flags: readonly string[]): string[] {
  const out: string[] = [];
  flags.forEach((f, i) => {
    const value = f.startsWith("--disable=")
      ? f.slice("--disable=".length)
      : f === "--disable"
        ? flags[i + 1]
        : undefined;
    if (value)
      out.push(
        ...value
          .split(",")
          .map((v) => v.trim())
          .filter(Boolean),
      );
  });
  return [...new Set(out)].sort();
}
