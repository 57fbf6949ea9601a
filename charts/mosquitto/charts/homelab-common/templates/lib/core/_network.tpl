{{/* Helpers the networking kinds (services, ingresses, routes, network policies, monitors) share. */}}

{{/*
"true" when an entry of an id map is on. Default-on entries follow homelab.common.lib.enabled (absent or null
`enabled` = on); default-off entries (monitors) need `enabled: true`. Call with (dict "entry" $e "default" true).
*/}}
{{- define "homelab.common.net.enabled" -}}
{{- if .default -}}
{{- include "homelab.common.lib.enabled" .entry -}}
{{- else if and (kindIs "map" .entry) (eq (toString .entry.enabled) "true") -}}true
{{- end -}}
{{- end -}}

{{/* "true" when a value is a number (or a string of digits). */}}
{{- define "homelab.common.net.isNumber" -}}
{{- if or (kindIs "float64" .) (kindIs "int64" .) (kindIs "int" .) (and (kindIs "string" .) (regexMatch "^[0-9]+$" .)) -}}true{{- end -}}
{{- end -}}

{{/* "true" when the cluster serves an API: (dict "root" $ "apiVersion" "group/version" "kind" "Kind"). */}}
{{- define "homelab.common.net.apiAvailable" -}}
{{- $apis := .root.Capabilities.APIVersions -}}
{{- if or ($apis.Has (printf "%s/%s" .apiVersion .kind)) ($apis.Has .apiVersion) -}}true{{- end -}}
{{- end -}}

{{/* Selector labels of every pod of the release (the component selector labels without the component). */}}
{{- define "homelab.common.net.releaseSelectorLabels" -}}
{{- $labels := fromYaml (include "homelab.componentSelectorLabels" (dict "root" . "id" "main")) -}}
{{- $_ := unset $labels "app.kubernetes.io/component" -}}
{{- toYaml $labels -}}
{{- end -}}

{{/* metadata of one networking object, as YAML (see homelab.common.lib.metadata): (dict "root" $ "id" $id "entry" $e). */}}
{{- define "homelab.common.net.metadata" -}}
{{- $out := dict -}}
{{- include "homelab.common.lib.metadata" (dict "root" .root "id" .id "entry" .entry "out" $out) -}}
{{- toYaml $out.metadata -}}
{{- end -}}
