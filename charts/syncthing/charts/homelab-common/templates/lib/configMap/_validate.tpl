{{/* configMaps.<id>.data values are text. */}}
{{- define "homelab.common.validate.configMaps" -}}
{{- range $id, $v := (.Values.configMaps | default dict) -}}
{{- range $key, $s := (($v | default dict).data | default dict) -}}
{{- if or (kindIs "map" $s) (kindIs "slice" $s) -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "configMaps.%s.data.%s" $id $key) "problem" (printf "a ConfigMap value must be text, not %s" (kindOf $s)) "fix" "write the file content as a string (a YAML block scalar: |)") -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
