{{/* secrets.<id>: generated keys have a length and are not also given in stringData. */}}
{{- define "homelab.common.validate.secrets" -}}
{{- range $id, $v := (.Values.secrets | default dict) -}}
{{- $v = $v | default dict -}}
{{- range $key, $g := ($v.generate | default dict) -}}
{{- $gpath := printf "secrets.%s.generate.%s" $id $key -}}
{{- if hasKey ($v.stringData | default dict) $key -}}
{{- include "homelab.common.lib.fail" (dict "path" $gpath "problem" (printf "key %q is both generated and given in stringData" $key) "fix" (printf "remove it from secrets.%s.stringData or from generate" $id)) -}}
{{- end -}}
{{- $length := dig "length" 32 ($g | default dict) -}}
{{- if not (and (regexMatch "^[0-9]+$" (toString $length)) (gt (int $length) 0)) -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s.length" $gpath) "problem" (printf "length %v is not a positive whole number" $length) "fix" "set length to the number of characters, e.g. 32") -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
