{{/*
A StatefulSet; its serviceName is the controller's name (as in chart kit 0.1.x) and its
statefulset.volumeClaimTemplates become claims per pod. Call with (dict "root" $ "id" $id "c" $controller).
*/}}
{{- define "homelab.common.statefulset" -}}
{{- $root := .root -}}
{{- $c := .c -}}
{{- $p := dict -}}
{{- include "homelab.common.lib.controllerParts" (dict "root" $root "id" .id "c" $c "out" $p) -}}
{{- $sts := $c.statefulset | default dict -}}
{{- $spec := dict "selector" $p.selector "template" $p.template "serviceName" $p.metadata.name -}}
{{- $_ := set $spec "podManagementPolicy" (default "OrderedReady" $sts.podManagementPolicy) -}}
{{- include "homelab.common.lib.setNumber" (dict "map" $c "key" "replicas" "default" 1 "spec" $spec) -}}
{{- include "homelab.common.lib.revisionHistoryLimit" (dict "c" $c "spec" $spec) -}}
{{- $strategy := dict "type" (default "RollingUpdate" $c.strategy) -}}
{{- if eq $strategy.type "RollingUpdate" -}}
{{- $ru := dict -}}
{{- $r := $c.rollingUpdate | default dict -}}
{{- include "homelab.common.lib.rollingUpdateField" (dict "from" $r "key" "partition" "to" $ru "as" "partition") -}}
{{- include "homelab.common.lib.rollingUpdateField" (dict "from" $r "key" "unavailable" "to" $ru "as" "maxUnavailable") -}}
{{- with $ru -}}{{- $_ := set $strategy "rollingUpdate" . -}}{{- end -}}
{{- end -}}
{{- $_ := set $spec "updateStrategy" $strategy -}}
{{- $templates := list -}}
{{- range $t := ($sts.volumeClaimTemplates | default list) -}}
{{- if include "homelab.common.lib.enabled" $t -}}
{{- $so := dict -}}
{{- include "homelab.common.lib.claimSpec" (dict "root" $root "v" $t "out" $so) -}}
{{- /* claim templates cannot change later: only the stable selector labels, not chart or version */ -}}
{{- $labels := dict -}}
{{- range $k, $v := ($t.labels | default dict) -}}{{- $_ := set $labels $k (tpl (toString $v) $root) -}}{{- end -}}
{{- range $k, $v := (include "homelab.componentSelectorLabels" (dict "root" $root "id" $.id) | fromYaml) -}}
{{- $_ := set $labels $k (toString $v) -}}
{{- end -}}
{{- $meta := dict "name" $t.name "labels" $labels -}}
{{- with $t.annotations -}}{{- $_ := set $meta "annotations" . -}}{{- end -}}
{{- $templates = append $templates (dict "metadata" $meta "spec" $so.spec) -}}
{{- end -}}
{{- end -}}
{{- with $templates -}}{{- $_ := set $spec "volumeClaimTemplates" . -}}{{- end -}}
---
{{ toYaml (dict "apiVersion" "apps/v1" "kind" "StatefulSet" "metadata" $p.metadata "spec" $spec) }}
{{- end -}}
