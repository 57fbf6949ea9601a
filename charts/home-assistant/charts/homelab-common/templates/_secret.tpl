{{/* Every enabled Secret without existingSecret, by id. */}}
{{- define "homelab.common.secrets" -}}
{{- $eo := dict -}}
{{- include "homelab.common.lib.enabledIds" (dict "map" .Values.secrets "out" $eo) -}}
{{- range $id := $eo.ids -}}
{{- $v := index $.Values.secrets $id | default dict -}}
{{- if not $v.existingSecret }}
{{ include "homelab.common.secret" (dict "root" $ "id" $id "v" $v) }}
{{- end -}}
{{- end -}}
{{- end -}}

{{/*
One Secret. `stringData` values pass through tpl (unless `templated: false`). Each key of
`generate` is a random alphanumeric string of its length, made once: on upgrades the value is read
back from the Secret in the cluster (lookup), and a Secret with generated keys is kept on
uninstall (helm.sh/resource-policy: keep) so the data it protects stays readable.
Call with (dict "root" $ "id" $id "v" $entry).
*/}}
{{- define "homelab.common.secret" -}}
{{- $root := .root -}}
{{- $v := .v -}}
{{- $name := include "homelab.componentName" (dict "root" $root "id" .id) -}}
{{- $extra := dict -}}
{{- $data := dict -}}
{{- if $v.generate -}}
{{- $_ := set $extra "helm.sh/resource-policy" "keep" -}}
{{- $existing := (lookup "v1" "Secret" $root.Release.Namespace $name).data | default dict -}}
{{- range $key, $g := $v.generate -}}
{{- if hasKey $existing $key -}}
{{- $_ := set $data $key (index $existing $key) -}}
{{- else -}}
{{- $_ := set $data $key (randAlphaNum (int (dig "length" 32 ($g | default dict))) | b64enc) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- $to := dict -}}
{{- include "homelab.common.lib.get" (dict "map" $v "key" "templated" "default" true "out" $to) -}}
{{- $stringData := dict -}}
{{- range $k, $s := ($v.stringData | default dict) -}}
{{- $_ := set $stringData $k (toString $s) -}}
{{- if $to.value -}}{{- $_ := set $stringData $k (tpl (toString $s) $root) -}}{{- end -}}
{{- end -}}
{{- $mo := dict -}}
{{- include "homelab.common.lib.metadata" (dict "root" $root "id" .id "entry" $v "extra" $extra "out" $mo) -}}
{{- $secret := dict "apiVersion" "v1" "kind" "Secret" "metadata" $mo.metadata "type" "Opaque" -}}
{{- with $data -}}{{- $_ := set $secret "data" . -}}{{- end -}}
{{- with $stringData -}}{{- $_ := set $secret "stringData" . -}}{{- end -}}
---
{{ toYaml $secret }}
{{- end -}}
