{{/*
NetworkPolicies (values: networkpolicies.<id>). Entry point: homelab.common.networkpolicies, called with the chart's
root context.

preset isolate: ingress only from the release's own pods, from the ingress controller, from `allowFrom` peers, and from
anywhere on the ports that are meant to be reached from outside (the target ports of NodePort and LoadBalancer
services, and every port of hostNetwork controllers); then the raw `rules.ingress`. With Egress in policyTypes, egress
only to `rules.egress` and DNS in kube-system. preset none: only the raw rules.
*/}}

{{/* "true" when controller .id runs on the host network (its pod option, else defaultPodOptions). (dict "root" $ "id" $id). */}}
{{- define "homelab.common.net.hostNetwork" -}}
{{- $c := index (.root.Values.controllers | default dict) .id | default dict -}}
{{- $on := false -}}
{{- with .root.Values.defaultPodOptions -}}{{- if kindIs "bool" .hostNetwork -}}{{- $on = .hostNetwork -}}{{- end -}}{{- end -}}
{{- with $c.pod -}}{{- if kindIs "bool" .hostNetwork -}}{{- $on = .hostNetwork -}}{{- end -}}{{- end -}}
{{- if $on -}}true{{- end -}}
{{- end -}}

{{/*
The pod ports open to anyone for the pods of one policy: (dict "root" $ "controller" $id) ("" = every controller).
JSON [{port, protocol}], sorted and without duplicates.
*/}}
{{- define "homelab.common.net.exposedPorts" -}}
{{- $root := .root -}}
{{- $only := .controller -}}
{{- $open := dict -}}
{{- range $sid, $s := ($root.Values.service | default dict) -}}
{{- $s = $s | default dict -}}
{{- if include "homelab.common.net.enabled" (dict "entry" $s "default" true) -}}
{{- $controller := include "homelab.common.net.serviceController" (dict "root" $root "service" $s) -}}
{{- $type := $s.type | default "ClusterIP" | toString -}}
{{- $hostNetwork := include "homelab.common.net.hostNetwork" (dict "root" $root "id" $controller) -}}
{{- if and (or (not $only) (eq $only $controller)) (or (has $type (list "NodePort" "LoadBalancer")) $hostNetwork) (ne $type "ExternalName") -}}
{{- range fromJsonArray (include "homelab.common.net.servicePorts" $s) -}}
{{- $port := .targetPort -}}
{{- if include "homelab.common.net.isNumber" $port -}}{{- $port = int $port -}}{{- end -}}
{{- $_ := set $open (printf "%s/%v" .protocol $port) (dict "port" $port "protocol" .protocol) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- range $cid, $c := ($root.Values.controllers | default dict) -}}
{{- if and (or (not $only) (eq $only $cid)) (include "homelab.common.net.enabled" (dict "entry" $c "default" true)) (include "homelab.common.net.hostNetwork" (dict "root" $root "id" $cid)) -}}
{{- range $kind := list "containers" "initContainers" -}}
{{- range $_, $container := (index ($c | default dict) $kind | default dict) -}}
{{- if include "homelab.common.net.enabled" (dict "entry" $container "default" true) -}}
{{- range (($container | default dict).ports | default list) -}}
{{- if .containerPort -}}
{{- $protocol := .protocol | default "TCP" | toString -}}
{{- $_ := set $open (printf "%s/%d" $protocol (int .containerPort)) (dict "port" (int .containerPort) "protocol" $protocol) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- $ports := list -}}
{{- range $k := keys $open | sortAlpha -}}{{- $ports = append $ports (index $open $k) -}}{{- end -}}
{{- toJson $ports -}}
{{- end -}}

{{/* Every enabled networkpolicies.<id>, as NetworkPolicy objects. */}}
{{- define "homelab.common.networkpolicies" -}}
{{- $root := . -}}
{{- range $id, $np := (.Values.networkpolicies | default dict) }}
{{- if include "homelab.common.net.enabled" (dict "entry" $np "default" true) }}
{{ include "homelab.common.net.networkpolicy" (dict "root" $root "id" $id "policy" $np) }}
{{- end }}
{{- end }}
{{- end -}}

{{/* One NetworkPolicy: (dict "root" $ "id" $id "policy" $np). */}}
{{- define "homelab.common.net.networkpolicy" -}}
{{- $root := .root -}}
{{- $id := .id -}}
{{- $np := .policy | default dict -}}
{{- $key := printf "networkpolicies.%s" $id -}}
{{- $preset := $np.preset | default "isolate" | toString -}}
{{- if not (has $preset (list "isolate" "none")) -}}
{{- fail (printf "%s.preset: %q is not a preset. Fix: use isolate or none." $key $preset) -}}
{{- end -}}
{{- $types := $np.policyTypes | default (list "Ingress") -}}
{{- range $t := $types -}}
{{- if not (has $t (list "Ingress" "Egress")) -}}
{{- fail (printf "%s.policyTypes: %q is not a policy type. Fix: use Ingress and/or Egress." $key (toString $t)) -}}
{{- end -}}
{{- end -}}
{{- $rules := $np.rules | default dict -}}
{{- if and $rules.ingress (not (has "Ingress" $types)) -}}
{{- fail (printf "%s.rules.ingress: has no effect without Ingress in policyTypes. Fix: add Ingress to policyTypes or remove rules.ingress." $key) -}}
{{- end -}}
{{- if and $rules.egress (not (has "Egress" $types)) -}}
{{- fail (printf "%s.rules.egress: has no effect without Egress in policyTypes. Fix: add Egress to policyTypes or remove rules.egress." $key) -}}
{{- end -}}
{{- $controller := $np.controller | default "" | toString -}}
{{- if $controller -}}
{{- if not (include "homelab.common.net.hasEnabled" (dict "map" $root.Values.controllers "id" $controller)) -}}
{{- fail (printf "%s.controller: %q is not an enabled controller of this chart. Fix: set controller to a controller id, or leave it empty for every pod of the release." $key $controller) -}}
{{- end -}}
{{- end -}}
{{- $release := fromYaml (include "homelab.common.net.releaseSelectorLabels" $root) -}}
{{- $podSelector := dict "matchLabels" $release -}}
{{- if $np.podSelector -}}
{{- $podSelector = $np.podSelector -}}
{{- else if $controller -}}
{{- $podSelector = dict "matchLabels" (fromYaml (include "homelab.componentSelectorLabels" (dict "root" $root "id" $controller))) -}}
{{- end -}}
{{- $ingress := list -}}
{{- $egress := list -}}
{{- if eq $preset "isolate" -}}
{{- $ingress = append $ingress (dict "from" (list (dict "podSelector" (dict "matchLabels" $release)))) -}}
{{- $controllerPeer := $np.ingressController | default (dict
      "namespaceSelector" (dict "matchLabels" (dict "kubernetes.io/metadata.name" "kube-system"))
      "podSelector" (dict "matchLabels" (dict "app.kubernetes.io/name" "traefik"))) -}}
{{- $ingress = append $ingress (dict "from" (list $controllerPeer)) -}}
{{- with $np.allowFrom -}}
{{- $ingress = append $ingress (dict "from" .) -}}
{{- end -}}
{{- with fromJsonArray (include "homelab.common.net.exposedPorts" (dict "root" $root "controller" (ternary $controller "" (empty $np.podSelector)))) -}}
{{- $ingress = append $ingress (dict "ports" .) -}}
{{- end -}}
{{- $egress = append $egress (dict
      "to" (list (dict "namespaceSelector" (dict "matchLabels" (dict "kubernetes.io/metadata.name" "kube-system"))))
      "ports" (list (dict "port" 53 "protocol" "UDP") (dict "port" 53 "protocol" "TCP"))) -}}
{{- end -}}
{{- $ingress = concat $ingress ($rules.ingress | default list) -}}
{{- $egress = concat ($rules.egress | default list) $egress -}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  {{- include "homelab.common.net.metadata" (dict "root" $root "id" $id "entry" $np) | nindent 2 }}
spec:
  podSelector:
    {{- toYaml $podSelector | nindent 4 }}
  policyTypes:
    {{- toYaml $types | nindent 4 }}
  {{- if has "Ingress" $types }}
  ingress:
    {{- if $ingress }}
    {{- toYaml $ingress | nindent 4 }}
    {{- else }} []
    {{- end }}
  {{- end }}
  {{- if has "Egress" $types }}
  egress:
    {{- if $egress }}
    {{- toYaml $egress | nindent 4 }}
    {{- else }} []
    {{- end }}
  {{- end }}
{{- end -}}
