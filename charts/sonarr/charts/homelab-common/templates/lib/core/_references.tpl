{{/* A reference { identifier | name } to a chart secret or configMap. Call with (dict "root" $ "path" $path "ref" $ref "map" "secrets"|"configMaps"). */}}
{{- define "homelab.common.validate.ref" -}}
{{- $r := .ref | default dict -}}
{{- $m := index .root.Values .map -}}
{{- if $r.identifier -}}
{{- if not (include "homelab.common.lib.hasEnabled" (dict "map" $m "id" $r.identifier)) -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s.identifier" .path) "problem" (printf "%q is not defined (or not enabled) under %s" (toString $r.identifier) .map) "fix" (printf "%s, or name an existing object with name" (include "homelab.common.lib.choices" (dict "map" $m "what" .map)))) -}}
{{- end -}}
{{- else if not $r.name -}}
{{- include "homelab.common.lib.fail" (dict "path" .path "problem" "the reference names nothing" "fix" (printf "set identifier (an id under %s) or name (an existing object)" .map)) -}}
{{- end -}}
{{- end -}}

{{/*
Name of an object referenced by `identifier` (a chart object id, resolved with `nameDefine`) or by
`name` (an existing object, passed through tpl). Call with (dict "root" $ "ref" $ref "nameDefine"
"homelab.secretName"); prints the name.
*/}}
{{- define "homelab.common.lib.refName" -}}
{{- $ref := .ref | default dict -}}
{{- if $ref.identifier -}}
{{- include .nameDefine (dict "root" .root "id" $ref.identifier) -}}
{{- else if $ref.name -}}
{{- tpl (toString $ref.name) .root -}}
{{- end -}}
{{- end -}}
