{{- define "homelab.common.validate" -}}
{{- include "homelab.common.validate.shapes" . -}}
{{- include "homelab.common.validate.persistence" . -}}
{{- include "homelab.common.validate.controllers" . -}}
{{- include "homelab.common.validate.configMaps" . -}}
{{- include "homelab.common.validate.secrets" . -}}
{{- include "homelab.common.validate.rbac" . -}}
{{- include "homelab.common.validate.rawResources" . -}}
{{- end -}}

{{/* Every id map is a map, and each entry a map of settings. */}}
{{- define "homelab.common.validate.shapes" -}}
{{- $rbac := .Values.rbac | default dict -}}
{{- if not (kindIs "map" $rbac) -}}
{{- include "homelab.common.lib.fail" (dict "path" "rbac" "problem" (printf "must be a map with roles and bindings, not %s" (kindOf $rbac)) "fix" "write rbac: { roles: {}, bindings: {} }") -}}
{{- end -}}
{{- $maps := dict "controllers" .Values.controllers "persistence" .Values.persistence "configMaps" .Values.configMaps "secrets" .Values.secrets "serviceAccount" .Values.serviceAccount "rbac.roles" $rbac.roles "rbac.bindings" $rbac.bindings "rawResources" .Values.rawResources -}}
{{- range $path, $m := $maps -}}
{{- if not (kindIs "invalid" $m) -}}
{{- if not (kindIs "map" $m) -}}
{{- include "homelab.common.lib.fail" (dict "path" $path "problem" (printf "must be a map of ids to settings, not %s" (kindOf $m)) "fix" (printf "write %s: { <id>: { ... } } (see VALUES.md)" $path)) -}}
{{- end -}}
{{- range $id, $e := $m -}}
{{- if not (or (kindIs "map" $e) (kindIs "invalid" $e)) -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s.%s" $path $id) "problem" (printf "must be a map of settings, not %s (%s is a map of ids)" (kindOf $e) $path) "fix" (printf "write %s.<id>: { ... } with the keys of VALUES.md" $path)) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- range $key := list "defaultPodOptions" -}}
{{- $v := index $.Values $key -}}
{{- if not (or (kindIs "invalid" $v) (kindIs "map" $v)) -}}
{{- include "homelab.common.lib.fail" (dict "path" $key "problem" (printf "must be a map of pod options, not %s" (kindOf $v)) "fix" "write defaultPodOptions: { <option>: <value> }") -}}
{{- end -}}
{{- end -}}
{{- end -}}
