{{/* Every enabled raw resource, by id. */}}
{{- define "homelab.common.rawResources" -}}
{{- $eo := dict -}}
{{- include "homelab.common.lib.enabledIds" (dict "map" .Values.rawResources "out" $eo) -}}
{{- range $id := $eo.ids }}
{{ include "homelab.common.rawResource" (dict "root" $ "id" $id "v" (index $.Values.rawResources $id | default dict)) }}
{{- end -}}
{{- end -}}

{{/*
Any Kubernetes object: apiVersion, kind, metadata (name: nameOverride or the component name;
the component's labels; labels and annotations) and `spec`, whose keys are the object's other
top-level fields (spec, data, rules...), passed through tpl. Call with (dict "root" $ "id" $id "v" $entry).
*/}}
{{- define "homelab.common.rawResource" -}}
{{- $root := .root -}}
{{- $v := .v -}}
{{- $name := "" -}}
{{- with $v.nameOverride -}}{{- $name = tpl (toString .) $root -}}{{- end -}}
{{- $mo := dict -}}
{{- include "homelab.common.lib.metadata" (dict "root" $root "id" .id "entry" $v "name" $name "out" $mo) -}}
{{- $obj := dict -}}
{{- with $v.spec -}}{{- $obj = tpl (toYaml .) $root | fromYaml -}}{{- end -}}
{{- $_ := set $obj "apiVersion" $v.apiVersion -}}
{{- $_ := set $obj "kind" $v.kind -}}
{{- $_ := set $obj "metadata" $mo.metadata -}}
---
{{ toYaml $obj }}
{{- end -}}
