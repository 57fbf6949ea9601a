{{/* Name of a chart ConfigMap. Call with (dict "root" $ "id" $id). */}}
{{- define "homelab.configMapName" -}}
{{- include "homelab.componentName" . -}}
{{- end -}}
