{{/* rawResources.<id> need apiVersion and kind. */}}
{{- define "homelab.common.validate.rawResources" -}}
{{- $eo := dict -}}
{{- include "homelab.common.lib.enabledIds" (dict "map" .Values.rawResources "out" $eo) -}}
{{- range $id := $eo.ids -}}
{{- $v := index $.Values.rawResources $id | default dict -}}
{{- range $key := list "apiVersion" "kind" -}}
{{- if not (index $v $key) -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "rawResources.%s.%s" $id $key) "problem" (printf "a raw resource needs its %s" $key) "fix" (printf "set %s (e.g. apiVersion: v1, kind: ConfigMap)" $key)) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
