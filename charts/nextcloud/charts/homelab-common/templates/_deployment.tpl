{{/* A Deployment. Call with (dict "root" $ "id" $id "c" $controller). */}}
{{- define "homelab.common.deployment" -}}
{{- $c := .c -}}
{{- $p := dict -}}
{{- include "homelab.common.lib.controllerParts" (dict "root" .root "id" .id "c" $c "out" $p) -}}
{{- $spec := dict "selector" $p.selector "template" $p.template -}}
{{- include "homelab.common.lib.setNumber" (dict "map" $c "key" "replicas" "default" 1 "spec" $spec) -}}
{{- include "homelab.common.lib.revisionHistoryLimit" (dict "c" $c "spec" $spec) -}}
{{- $strategy := dict "type" (default "Recreate" $c.strategy) -}}
{{- if eq $strategy.type "RollingUpdate" -}}
{{- $ru := dict -}}
{{- $r := $c.rollingUpdate | default dict -}}
{{- include "homelab.common.lib.rollingUpdateField" (dict "from" $r "key" "unavailable" "to" $ru "as" "maxUnavailable") -}}
{{- include "homelab.common.lib.rollingUpdateField" (dict "from" $r "key" "surge" "to" $ru "as" "maxSurge") -}}
{{- with $ru -}}{{- $_ := set $strategy "rollingUpdate" . -}}{{- end -}}
{{- end -}}
{{- $_ := set $spec "strategy" $strategy -}}
---
{{ toYaml (dict "apiVersion" "apps/v1" "kind" "Deployment" "metadata" $p.metadata "spec" $spec) }}
{{- end -}}
