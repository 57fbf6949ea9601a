{{/* Every enabled controller, by id, as its workload kind (controllers.<id>.type). */}}
{{- define "homelab.common.controllers" -}}
{{- $eo := dict -}}
{{- include "homelab.common.lib.enabledIds" (dict "map" .Values.controllers "out" $eo) -}}
{{- range $id := $eo.ids -}}
{{- $c := index $.Values.controllers $id | default dict -}}
{{- $type := default "deployment" $c.type }}
{{ include (printf "homelab.common.%s" $type) (dict "root" $ "id" $id "c" $c) }}
{{- end -}}
{{- end -}}

{{/*
Parts every controller shares: metadata (the controller's labels and annotations), the pod
selector and the pod template. Call with (dict "root" $ "id" $id "c" $controller "out" $out);
sets $out.metadata, $out.selector, $out.template.
*/}}
{{- define "homelab.common.lib.controllerParts" -}}
{{- include "homelab.common.lib.metadata" (dict "root" .root "id" .id "entry" .c "out" .out) -}}
{{- $selector := dict -}}
{{- range $k, $v := (include "homelab.componentSelectorLabels" (dict "root" .root "id" .id) | fromYaml) -}}
{{- $_ := set $selector $k (toString $v) -}}
{{- end -}}
{{- $_ := set .out "selector" (dict "matchLabels" $selector) -}}
{{- include "homelab.common.lib.podTemplate" (dict "root" .root "id" .id "c" .c "out" .out) -}}
{{- end -}}

{{/* A number setting of a controller (absent or null: the default; null default: left out). Call with (dict "map" $m "key" $k "default" $d "spec" $spec "as" <field name>). */}}
{{- define "homelab.common.lib.setNumber" -}}
{{- $o := dict -}}
{{- include "homelab.common.lib.get" (dict "map" .map "key" .key "default" .default "out" $o) -}}
{{- if not (kindIs "invalid" $o.value) -}}
{{- $_ := set .spec (default .key .as) (int64 $o.value) -}}
{{- end -}}
{{- end -}}

{{/* revisionHistoryLimit (default 3). Call with (dict "c" $controller "spec" $spec). */}}
{{- define "homelab.common.lib.revisionHistoryLimit" -}}
{{- include "homelab.common.lib.setNumber" (dict "map" .c "key" "revisionHistoryLimit" "default" 3 "spec" .spec) -}}
{{- end -}}

{{/* One rollingUpdate field (a number or a percentage). Call with (dict "from" $rollingUpdate "key" $k "to" $dict "as" <field name>). */}}
{{- define "homelab.common.lib.rollingUpdateField" -}}
{{- $v := index .from .key -}}
{{- if not (kindIs "invalid" $v) -}}
{{- $o := dict -}}
{{- include "homelab.common.lib.number" (dict "value" $v "out" $o) -}}
{{- $_ := set .to .as $o.value -}}
{{- end -}}
{{- end -}}
