{{/* A CronJob; cronjob.schedule is required. Call with (dict "root" $ "id" $id "c" $controller). */}}
{{- define "homelab.common.cronjob" -}}
{{- $p := dict -}}
{{- include "homelab.common.lib.controllerParts" (dict "root" .root "id" .id "c" .c "out" $p) -}}
{{- $s := .c.cronjob | default dict -}}
{{- $jo := dict -}}
{{- include "homelab.common.lib.jobSpec" (dict "settings" (omit $s "suspend") "template" $p.template "out" $jo) -}}
{{- $spec := dict "schedule" (toString $s.schedule) "concurrencyPolicy" (default "Forbid" $s.concurrencyPolicy) -}}
{{- $_ := set $spec "jobTemplate" (dict "metadata" (dict "labels" $p.template.metadata.labels) "spec" $jo.spec) -}}
{{- with $s.timeZone -}}{{- $_ := set $spec "timeZone" . -}}{{- end -}}
{{- if $s.suspend -}}{{- $_ := set $spec "suspend" true -}}{{- end -}}
{{- include "homelab.common.lib.setNumber" (dict "map" $s "key" "startingDeadlineSeconds" "default" nil "spec" $spec) -}}
{{- include "homelab.common.lib.setNumber" (dict "map" $s "key" "successfulJobsHistory" "default" 1 "spec" $spec "as" "successfulJobsHistoryLimit") -}}
{{- include "homelab.common.lib.setNumber" (dict "map" $s "key" "failedJobsHistory" "default" 1 "spec" $spec "as" "failedJobsHistoryLimit") -}}
---
{{ toYaml (dict "apiVersion" "batch/v1" "kind" "CronJob" "metadata" $p.metadata "spec" $spec) }}
{{- end -}}
