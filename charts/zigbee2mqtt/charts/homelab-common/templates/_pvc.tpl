{{/* Every PersistentVolumeClaim: enabled persistence entries of type persistentVolumeClaim without existingClaim. */}}
{{- define "homelab.common.pvcs" -}}
{{- $eo := dict -}}
{{- include "homelab.common.lib.enabledIds" (dict "map" .Values.persistence "out" $eo) -}}
{{- range $id := $eo.ids -}}
{{- $v := index $.Values.persistence $id | default dict -}}
{{- if and (eq (default "persistentVolumeClaim" $v.type) "persistentVolumeClaim") (not $v.existingClaim) }}
{{ include "homelab.common.pvc" (dict "root" $ "id" $id "v" $v) }}
{{- end -}}
{{- end -}}
{{- end -}}

{{/*
One PersistentVolumeClaim, named as in chart kit 0.1.x (homelab.componentName of the id) so
upgrades keep the data; `retain` (default true) keeps it on uninstall.
Call with (dict "root" $ "id" $id "v" $entry).
*/}}
{{- define "homelab.common.pvc" -}}
{{- $v := .v -}}
{{- $ro := dict -}}
{{- include "homelab.common.lib.get" (dict "map" $v "key" "retain" "default" true "out" $ro) -}}
{{- $extra := dict -}}
{{- if $ro.value -}}{{- $_ := set $extra "helm.sh/resource-policy" "keep" -}}{{- end -}}
{{- $mo := dict -}}
{{- include "homelab.common.lib.metadata" (dict "root" .root "id" .id "entry" $v "extra" $extra "out" $mo) -}}
{{- $so := dict -}}
{{- include "homelab.common.lib.claimSpec" (dict "root" .root "v" $v "out" $so) -}}
---
{{ toYaml (dict "apiVersion" "v1" "kind" "PersistentVolumeClaim" "metadata" $mo.metadata "spec" $so.spec) }}
{{- end -}}
