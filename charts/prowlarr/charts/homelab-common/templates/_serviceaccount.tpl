{{/* Every enabled ServiceAccount, by id. Pods decide about API tokens (automountServiceAccountToken pod option). */}}
{{- define "homelab.common.serviceAccounts" -}}
{{- $eo := dict -}}
{{- include "homelab.common.lib.enabledIds" (dict "map" .Values.serviceAccount "out" $eo) -}}
{{- range $id := $eo.ids }}
{{ include "homelab.common.serviceAccount" (dict "root" $ "id" $id "v" (index $.Values.serviceAccount $id | default dict)) }}
{{- end -}}
{{- end -}}

{{/* One ServiceAccount. Call with (dict "root" $ "id" $id "v" $entry). */}}
{{- define "homelab.common.serviceAccount" -}}
{{- $mo := dict -}}
{{- include "homelab.common.lib.metadata" (dict "root" .root "id" .id "entry" .v "out" $mo) -}}
---
{{ toYaml (dict "apiVersion" "v1" "kind" "ServiceAccount" "metadata" $mo.metadata "automountServiceAccountToken" false) }}
{{- end -}}
