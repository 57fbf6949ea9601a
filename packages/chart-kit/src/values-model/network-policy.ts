/** `networkpolicies.<id>`: the NetworkPolicies of the release's pods. */
import { Type, type Static } from "typebox";
import { closed, enabled, metadataFields, open, openList } from "./schema-builders.ts";

export const NetworkPolicy = Type.Object(
  {
    enabled: Type.Optional(enabled("this NetworkPolicy")),
    ...metadataFields("NetworkPolicy"),
    controller: Type.Optional(
      Type.String({
        description:
          'The controller whose pods the policy applies to; "" for every pod of the release. Default: "".',
        default: "",
      }),
    ),
    podSelector: Type.Optional(
      open("A Kubernetes LabelSelector that replaces controller. Default: {} (unset)."),
    ),
    policyTypes: Type.Optional(
      Type.Array(
        Type.Enum(["Ingress", "Egress"], {
          description: "A direction. Default: none.",
        }),
        {
          description: "Directions restricted; add Egress to restrict egress. Default: [Ingress].",
          default: ["Ingress"],
        },
      ),
    ),
    preset: Type.Optional(
      Type.Enum(["isolate", "none"], {
        description:
          "isolate: ingress only from the release's pods, the ingress controller, allowFrom, and anyone " +
          "on the ports of NodePort/LoadBalancer services and hostNetwork controllers (egress, when " +
          "restricted: rules " +
          "plus DNS in kube-system); none: only the raw rules. Default: isolate.",
        default: "isolate",
      }),
    ),
    ingressController: Type.Optional(
      Type.Object(
        {
          namespaceSelector: Type.Optional(
            open(
              "The ingress controller's namespace. " +
                "Default: { matchLabels: { kubernetes.io/metadata.name: kube-system } }.",
            ),
          ),
          podSelector: Type.Optional(
            open(
              "The ingress controller's pods. Default: { matchLabels: { app.kubernetes.io/name: traefik } }.",
            ),
          ),
        },
        {
          ...closed,
          description: "The ingress controller the isolate preset lets in. Default: k3s's Traefik.",
        },
      ),
    ),
    allowFrom: Type.Optional(
      openList(
        "More peers (NetworkPolicyPeer: namespaceSelector, podSelector, ipBlock) allowed in. Default: [].",
        "A peer.",
      ),
    ),
    rules: Type.Optional(
      Type.Object(
        {
          ingress: Type.Optional(
            openList("Raw ingress rules (NetworkPolicyIngressRule), added. Default: [].", "A rule."),
          ),
          egress: Type.Optional(
            openList("Raw egress rules (NetworkPolicyEgressRule), added. Default: [].", "A rule."),
          ),
        },
        { ...closed, description: "Raw rules added to the preset's. Default: {}." },
      ),
    ),
  },
  { ...closed, description: "One NetworkPolicy. Default: none." },
);
export type NetworkPolicy = Static<typeof NetworkPolicy>;
