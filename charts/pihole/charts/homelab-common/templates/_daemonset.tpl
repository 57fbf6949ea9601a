{{/* A DaemonSet. Call with (dict "root" $ "id" $id "c" $controller). */}}
{{- define "homelab.common.daemonset" -}}
{{- $c := .c -}}
{{- $p := dict -}}
{{- include "homelab.common.lib.controllerParts" (dict "root" .root "id" .id "c" $c "out" $p) -}}
{{- $spec := dict "selector" $p.selector "template" $p.template -}}
{{- include "homelab.common.lib.revisionHistoryLimit" (dict "c" $c "spec" $spec) -}}
{{- $strategy := dict "type" (default "RollingUpdate" $c.strategy) -}}
{{- if eq $strategy.type "RollingUpdate" -}}
{{- $ru := dict -}}
{{- $r := $c.rollingUpdate | default dict -}}
{{- include "homelab.common.lib.rollingUpdateField" (dict "from" $r "key" "unavailable" "to" $ru "as" "maxUnavailable") -}}
{{- include "homelab.common.lib.rollingUpdateField" (dict "from" $r "key" "surge" "to" $ru "as" "maxSurge") -}}
{{- with $ru -}}{{- $_ := set $strategy "rollingUpdate" . -}}{{- end -}}
{{- end -}}
{{- $_ := set $spec "updateStrategy" $strategy -}}
---
{{ toYaml (dict "apiVersion" "apps/v1" "kind" "DaemonSet" "metadata" $p.metadata "spec" $spec) }}
{{- end -}}
