{{/* Every enabled ConfigMap, by id. */}}
{{- define "homelab.common.configMaps" -}}
{{- $eo := dict -}}
{{- include "homelab.common.lib.enabledIds" (dict "map" .Values.configMaps "out" $eo) -}}
{{- range $id := $eo.ids }}
{{ include "homelab.common.configMap" (dict "root" $ "id" $id "v" (index $.Values.configMaps $id | default dict)) }}
{{- end -}}
{{- end -}}

{{/*
One ConfigMap. Its data values pass through tpl unless `templated: false` (for files that carry
their own {{ }} templates). Call with (dict "root" $ "id" $id "v" $entry).
*/}}
{{- define "homelab.common.configMap" -}}
{{- $root := .root -}}
{{- $v := .v -}}
{{- $to := dict -}}
{{- include "homelab.common.lib.get" (dict "map" $v "key" "templated" "default" true "out" $to) -}}
{{- $data := dict -}}
{{- range $k, $s := ($v.data | default dict) -}}
{{- $_ := set $data $k (toString $s) -}}
{{- if $to.value -}}{{- $_ := set $data $k (tpl (toString $s) $root) -}}{{- end -}}
{{- end -}}
{{- $mo := dict -}}
{{- include "homelab.common.lib.metadata" (dict "root" $root "id" .id "entry" $v "out" $mo) -}}
---
{{ toYaml (dict "apiVersion" "v1" "kind" "ConfigMap" "metadata" $mo.metadata "data" $data) }}
{{- end -}}
