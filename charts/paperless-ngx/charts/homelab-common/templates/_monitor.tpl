{{/*
Prometheus operator monitors (values: serviceMonitor.<id>, podMonitor.<id>). Entry point: homelab.common.monitors,
called with the chart's root context. A monitor is off unless enabled, is always checked when enabled, and is
rendered only when the cluster serves monitoring.coreos.com/v1.
*/}}

{{/* Every enabled serviceMonitor.<id> and podMonitor.<id>, when the cluster has the CRDs. */}}
{{- define "homelab.common.monitors" -}}
{{- $root := . -}}
{{- range $id, $m := (.Values.serviceMonitor | default dict) }}
{{- if include "homelab.common.net.enabled" (dict "entry" $m "default" false) }}
{{- $doc := include "homelab.common.net.serviceMonitor" (dict "root" $root "id" $id "monitor" $m) }}
{{- if include "homelab.common.net.apiAvailable" (dict "root" $root "apiVersion" "monitoring.coreos.com/v1" "kind" "ServiceMonitor") }}
{{ $doc }}
{{- end }}
{{- end }}
{{- end }}
{{- range $id, $m := (.Values.podMonitor | default dict) }}
{{- if include "homelab.common.net.enabled" (dict "entry" $m "default" false) }}
{{- $doc := include "homelab.common.net.podMonitor" (dict "root" $root "id" $id "monitor" $m) }}
{{- if include "homelab.common.net.apiAvailable" (dict "root" $root "apiVersion" "monitoring.coreos.com/v1" "kind" "PodMonitor") }}
{{ $doc }}
{{- end }}
{{- end }}
{{- end }}
{{- end -}}

{{/* The fields an endpoint passes through as given (besides port, which is checked). */}}
{{- define "homelab.common.net.monitorEndpointFields" -}}
{{- toJson (list "path" "scheme" "interval" "scrapeTimeout" "honorLabels" "honorTimestamps" "params" "relabelings"
      "metricRelabelings" "tlsConfig" "authorization" "basicAuth" "bearerTokenSecret" "followRedirects" "enableHttp2"
      "proxyUrl" "filterRunning") -}}
{{- end -}}

{{/* One ServiceMonitor: (dict "root" $ "id" $id "monitor" $m). */}}
{{- define "homelab.common.net.serviceMonitor" -}}
{{- $root := .root -}}
{{- $id := .id -}}
{{- $m := .monitor -}}
{{- $key := printf "serviceMonitor.%s" $id -}}
{{- $svc := $m.service | default dict -}}
{{- if not (or $svc.identifier $m.selector) -}}
{{- fail (printf "%s.service.identifier: names no service. Fix: set service.identifier to a chart service id (e.g. main), or give selector for Services outside the chart." $key) -}}
{{- end -}}
{{- with $svc.identifier -}}
{{- $services := $root.Values.service | default dict -}}
{{- if not (include "homelab.common.net.hasEnabled" (dict "map" $services "id" .)) -}}
{{- fail (printf "%s.service.identifier: %q is not an enabled service of this chart (its services: %s). Fix: set it to one of the chart's service ids." $key (toString .) (keys $services | sortAlpha | join ", " | default "none")) -}}
{{- end -}}
{{- end -}}
{{- if not $m.endpoints -}}
{{- fail (printf "%s.endpoints: no endpoint. Fix: add one, e.g. endpoints: [ { port: metrics, path: /metrics } ]." $key) -}}
{{- end -}}
{{- $selector := $m.selector -}}
{{- if not $selector -}}
{{- $labels := fromYaml (include "homelab.componentSelectorLabels" (dict "root" $root "id" (toString $svc.identifier))) -}}
{{- $selector = dict "matchLabels" $labels -}}
{{- end -}}
{{- $fields := fromJsonArray (include "homelab.common.net.monitorEndpointFields" .) -}}
{{- $endpoints := list -}}
{{- range $e, $endpoint := $m.endpoints -}}
{{- $ekey := printf "%s.endpoints[%d]" $key $e -}}
{{- $out := dict -}}
{{- range $f := $fields -}}{{- if hasKey $endpoint $f -}}{{- $_ := set $out $f (index $endpoint $f) -}}{{- end -}}{{- end -}}
{{- if $svc.identifier -}}
{{- $resolved := fromJson (include "homelab.common.net.resolvePort" (dict "root" $root "identifier" $svc.identifier "port" $endpoint.port "key" (printf "%s.port" $ekey))) -}}
{{- $_ := set $out "port" $resolved.name -}}
{{- else if and $endpoint.port (not (include "homelab.common.net.isNumber" $endpoint.port)) -}}
{{- $_ := set $out "port" (toString $endpoint.port) -}}
{{- else -}}
{{- fail (printf "%s.port: the name of a port of the Service is required. Fix: set port to the Service port's name, e.g. metrics." $ekey) -}}
{{- end -}}
{{- $endpoints = append $endpoints $out -}}
{{- end -}}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  {{- include "homelab.common.net.metadata" (dict "root" $root "id" $id "entry" $m) | nindent 2 }}
spec:
  {{- with $m.jobLabel }}
  jobLabel: {{ . }}
  {{- end }}
  {{- with $m.targetLabels }}
  targetLabels:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  selector:
    {{- toYaml $selector | nindent 4 }}
  namespaceSelector:
    matchNames:
      - {{ $root.Release.Namespace }}
  endpoints:
    {{- toYaml $endpoints | nindent 4 }}
{{- end -}}

{{/* One PodMonitor: (dict "root" $ "id" $id "monitor" $m). */}}
{{- define "homelab.common.net.podMonitor" -}}
{{- $root := .root -}}
{{- $id := .id -}}
{{- $m := .monitor -}}
{{- $key := printf "podMonitor.%s" $id -}}
{{- $controller := $m.controller | default "main" | toString -}}
{{- $selector := $m.selector -}}
{{- if not $selector -}}
{{- if not (include "homelab.common.net.hasEnabled" (dict "map" $root.Values.controllers "id" $controller)) -}}
{{- fail (printf "%s.controller: %q is not an enabled controller of this chart. Fix: set controller to the id of the controller whose pods export the metrics, or give selector." $key $controller) -}}
{{- end -}}
{{- $selector = dict "matchLabels" (fromYaml (include "homelab.componentSelectorLabels" (dict "root" $root "id" $controller))) -}}
{{- end -}}
{{- if not $m.endpoints -}}
{{- fail (printf "%s.endpoints: no endpoint. Fix: add one, e.g. endpoints: [ { port: metrics, path: /metrics } ]." $key) -}}
{{- end -}}
{{- $fields := fromJsonArray (include "homelab.common.net.monitorEndpointFields" .) -}}
{{- $endpoints := list -}}
{{- range $e, $endpoint := $m.endpoints -}}
{{- $out := dict -}}
{{- range $f := $fields -}}{{- if hasKey $endpoint $f -}}{{- $_ := set $out $f (index $endpoint $f) -}}{{- end -}}{{- end -}}
{{- if or (not $endpoint.port) (include "homelab.common.net.isNumber" $endpoint.port) -}}
{{- fail (printf "%s.endpoints[%d].port: the name of a container port is required. Fix: set port to the container port's name, e.g. metrics." $key $e) -}}
{{- end -}}
{{- $_ := set $out "port" (toString $endpoint.port) -}}
{{- $endpoints = append $endpoints $out -}}
{{- end -}}
---
apiVersion: monitoring.coreos.com/v1
kind: PodMonitor
metadata:
  {{- include "homelab.common.net.metadata" (dict "root" $root "id" $id "entry" $m) | nindent 2 }}
spec:
  {{- with $m.jobLabel }}
  jobLabel: {{ . }}
  {{- end }}
  {{- with $m.podTargetLabels }}
  podTargetLabels:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  selector:
    {{- toYaml $selector | nindent 4 }}
  namespaceSelector:
    matchNames:
      - {{ $root.Release.Namespace }}
  podMetricsEndpoints:
    {{- toYaml $endpoints | nindent 4 }}
{{- end -}}
