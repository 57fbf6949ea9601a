{{/*
The spec of a Job (also a CronJob's jobTemplate) from a controller's `job` (or `cronjob`) settings.
Call with (dict "settings" $settings "template" $podTemplate "out" $out); sets $out.spec.
*/}}
{{- define "homelab.common.lib.jobSpec" -}}
{{- $s := .settings | default dict -}}
{{- $spec := dict "template" .template -}}
{{- if $s.suspend -}}{{- $_ := set $spec "suspend" true -}}{{- end -}}
{{- include "homelab.common.lib.setNumber" (dict "map" $s "key" "backoffLimit" "default" 6 "spec" $spec) -}}
{{- range $key := list "ttlSecondsAfterFinished" "parallelism" "completions" "activeDeadlineSeconds" -}}
{{- include "homelab.common.lib.setNumber" (dict "map" $s "key" $key "default" nil "spec" $spec) -}}
{{- end -}}
{{- with $s.completionMode -}}{{- $_ := set $spec "completionMode" . -}}{{- end -}}
{{- $_ := set .out "spec" $spec -}}
{{- end -}}

{{/* A Job. Call with (dict "root" $ "id" $id "c" $controller). */}}
{{- define "homelab.common.job" -}}
{{- $p := dict -}}
{{- include "homelab.common.lib.controllerParts" (dict "root" .root "id" .id "c" .c "out" $p) -}}
{{- $jo := dict -}}
{{- include "homelab.common.lib.jobSpec" (dict "settings" .c.job "template" $p.template "out" $jo) -}}
---
{{ toYaml (dict "apiVersion" "batch/v1" "kind" "Job" "metadata" $p.metadata "spec" $jo.spec) }}
{{- end -}}
