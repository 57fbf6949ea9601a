{{/*
Gateway API routes (values: route.<id>). Entry point: homelab.common.routes, called with the chart's root context.
A route is checked always, and rendered only when the cluster serves its API (or with forceRender: true).
*/}}

{{/* The API version of each route kind. */}}
{{- define "homelab.common.net.routeApiVersions" -}}
HTTPRoute: gateway.networking.k8s.io/v1
GRPCRoute: gateway.networking.k8s.io/v1
TLSRoute: gateway.networking.k8s.io/v1alpha2
TCPRoute: gateway.networking.k8s.io/v1alpha2
UDPRoute: gateway.networking.k8s.io/v1alpha2
{{- end -}}

{{/* Every enabled route.<id> whose API the cluster serves, as route objects. */}}
{{- define "homelab.common.routes" -}}
{{- $root := . -}}
{{- $apiVersions := fromYaml (include "homelab.common.net.routeApiVersions" .) -}}
{{- range $id, $r := (.Values.route | default dict) }}
{{- if include "homelab.common.net.enabled" (dict "entry" $r "default" true) }}
{{- $r = $r | default dict }}
{{- $kind := $r.kind | default "HTTPRoute" | toString }}
{{- if not (hasKey $apiVersions $kind) }}
{{- fail (printf "route.%s.kind: %q is not a route kind. Fix: use one of %s." $id $kind (keys $apiVersions | sortAlpha | join ", ")) }}
{{- end }}
{{- $apiVersion := index $apiVersions $kind }}
{{- $doc := include "homelab.common.net.route" (dict "root" $root "id" $id "route" $r "kind" $kind "apiVersion" $apiVersion) }}
{{- if or (eq $r.forceRender true) (include "homelab.common.net.apiAvailable" (dict "root" $root "apiVersion" $apiVersion "kind" $kind)) }}
{{ $doc }}
{{- end }}
{{- end }}
{{- end }}
{{- end -}}

{{/* One backendRef of a route rule: (dict "root" $ "ref" $ref "key" $key), as YAML. */}}
{{- define "homelab.common.net.routeBackendRef" -}}
{{- $ref := .ref -}}
{{- if not (kindIs "map" $ref) -}}
{{- fail (printf "%s: must be a map with identifier (a chart service id) or name, and port. Fix: e.g. { identifier: main, port: http }." .key) -}}
{{- end -}}
{{- if and $ref.identifier $ref.name -}}
{{- fail (printf "%s: has both identifier and name. Fix: keep identifier for a chart service or name for a backend outside the chart." .key) -}}
{{- end -}}
{{- if $ref.identifier -}}
{{- range $field := list "namespace" "group" "kind" -}}
{{- if index $ref $field -}}
{{- fail (printf "%s.%s: only with name (identifier always means a Service of this release). Fix: remove %s, or use name instead of identifier." $.key $field $field) -}}
{{- end -}}
{{- end -}}
{{- $resolved := fromJson (include "homelab.common.net.resolvePort" (dict "root" .root "identifier" $ref.identifier "port" $ref.port "key" .key)) -}}
name: {{ $resolved.service }}
port: {{ int $resolved.number }}
{{- else if $ref.name -}}
{{- $isService := and (not $ref.group) (or (not $ref.kind) (eq (toString $ref.kind) "Service")) -}}
{{- if and $isService (not (include "homelab.common.net.isNumber" $ref.port)) -}}
{{- fail (printf "%s.port: a Service backend needs its port number. Fix: set port to the number of the Service port." .key) -}}
{{- end -}}
{{- with $ref.group }}
group: {{ . | quote }}
{{- end }}
{{- with $ref.kind }}
kind: {{ . }}
{{- end }}
name: {{ tpl (toString $ref.name) .root }}
{{- with $ref.namespace }}
namespace: {{ tpl (toString .) $.root }}
{{- end }}
{{- if include "homelab.common.net.isNumber" $ref.port }}
port: {{ int $ref.port }}
{{- end }}
{{- else -}}
{{- fail (printf "%s: names no backend. Fix: set identifier to a chart service id (e.g. main) or name to an existing Service." .key) -}}
{{- end }}
{{- if not (kindIs "invalid" $ref.weight) }}
weight: {{ int $ref.weight }}
{{- end }}
{{- end -}}

{{/* One rule of a route, as YAML: (dict "root" $ "rule" $rule "key" "route.<id>.rules[n]"). */}}
{{- define "homelab.common.net.routeRule" -}}
{{- $rule := .rule -}}
{{- $out := dict -}}
{{- range $field := list "name" "matches" "filters" "timeouts" -}}
{{- with (index $rule $field) -}}{{- $_ := set $out $field . -}}{{- end -}}
{{- end -}}
{{- $refs := list -}}
{{- range $b, $ref := ($rule.backendRefs | default list) -}}
{{- $refs = append $refs (fromYaml (include "homelab.common.net.routeBackendRef" (dict "root" $.root "ref" $ref "key" (printf "%s.backendRefs[%d]" $.key $b)))) -}}
{{- end -}}
{{- with $refs -}}{{- $_ := set $out "backendRefs" . -}}{{- end -}}
{{- if $out -}}{{- toYaml $out -}}{{- else -}}{}{{- end -}}
{{- end -}}

{{/* One route: (dict "root" $ "id" $id "route" $r "kind" $kind "apiVersion" $apiVersion). */}}
{{- define "homelab.common.net.route" -}}
{{- $root := .root -}}
{{- $id := .id -}}
{{- $r := .route | default dict -}}
{{- $kind := .kind -}}
{{- $key := printf "route.%s" $id -}}
{{- $ruleKeys := dict
      "HTTPRoute" (list "backendRefs" "matches" "filters" "timeouts" "name")
      "GRPCRoute" (list "backendRefs" "matches" "filters" "name")
      "TLSRoute" (list "backendRefs" "name")
      "TCPRoute" (list "backendRefs" "name")
      "UDPRoute" (list "backendRefs" "name") -}}
{{- $allowed := index $ruleKeys $kind -}}
{{- if not $r.parentRefs -}}
{{- fail (printf "%s.parentRefs: no parent. Fix: name the Gateway to attach to, e.g. parentRefs: [ { name: traefik-gateway, namespace: kube-system } ]." $key) -}}
{{- end -}}
{{- range $p, $parent := $r.parentRefs -}}
{{- if not (and (kindIs "map" $parent) $parent.name) -}}
{{- fail (printf "%s.parentRefs[%d].name: required. Fix: set name to the Gateway's name." $key $p) -}}
{{- end -}}
{{- end -}}
{{- if and $r.hostnames (has $kind (list "TCPRoute" "UDPRoute")) -}}
{{- fail (printf "%s.hostnames: a %s has no hostnames. Fix: remove hostnames, or use an HTTPRoute, GRPCRoute or TLSRoute." $key $kind) -}}
{{- end -}}
{{- if not $r.rules -}}
{{- fail (printf "%s.rules: no rule. Fix: add one, e.g. rules: [ { backendRefs: [ { identifier: main, port: http } ] } ]." $key) -}}
{{- end -}}
{{- range $n, $rule := $r.rules -}}
{{- if not (kindIs "map" $rule) -}}
{{- fail (printf "%s.rules[%d]: must be a map. Fix: e.g. { backendRefs: [ { identifier: main, port: http } ] }." $key $n) -}}
{{- end -}}
{{- range $field, $_ := $rule -}}
{{- if not (has $field $allowed) -}}
{{- fail (printf "%s.rules[%d].%s: a %s rule takes only %s. Fix: remove %s." $key $n $field $kind (join ", " $allowed) $field) -}}
{{- end -}}
{{- end -}}
{{- if and (not $rule.backendRefs) (not (eq $kind "HTTPRoute")) -}}
{{- fail (printf "%s.rules[%d].backendRefs: a %s rule needs a backend. Fix: add one, e.g. backendRefs: [ { identifier: main, port: http } ]." $key $n $kind) -}}
{{- end -}}
{{- end -}}
---
apiVersion: {{ .apiVersion }}
kind: {{ $kind }}
metadata:
  {{- include "homelab.common.net.metadata" (dict "root" $root "id" $id "entry" $r) | nindent 2 }}
spec:
  parentRefs:
    {{- range $parent := $r.parentRefs }}
    {{- $rendered := dict }}
    {{- range $k, $v := $parent }}
    {{- if kindIs "string" $v }}{{- $v = tpl $v $root }}{{- end }}
    {{- $_ := set $rendered $k $v }}
    {{- end }}
    - {{ toYaml $rendered | indent 6 | trim }}
    {{- end }}
  {{- with $r.hostnames }}
  hostnames:
    {{- range . }}
    - {{ tpl (toString .) $root | quote }}
    {{- end }}
  {{- end }}
  rules:
    {{- range $n, $rule := $r.rules }}
    - {{ include "homelab.common.net.routeRule" (dict "root" $root "rule" $rule "key" (printf "%s.rules[%d]" $key $n)) | indent 6 | trim }}
    {{- end }}
{{- end -}}
