{{/* Name of a chart Secret or the existing one it stands for. Call with (dict "root" $ "id" $id). */}}
{{- define "homelab.secretName" -}}
{{- $s := index (.root.Values.secrets | default dict) .id | default dict -}}
{{- if $s.existingSecret -}}
{{- tpl (toString $s.existingSecret) .root -}}
{{- else -}}
{{- include "homelab.componentName" . -}}
{{- end -}}
{{- end -}}
