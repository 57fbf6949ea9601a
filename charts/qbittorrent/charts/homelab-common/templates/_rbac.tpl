{{/* Every enabled role (rbac.roles) and binding (rbac.bindings), by id. */}}
{{- define "homelab.common.rbac" -}}
{{- $rbac := .Values.rbac | default dict -}}
{{- $eo := dict -}}
{{- include "homelab.common.lib.enabledIds" (dict "map" $rbac.roles "out" $eo) -}}
{{- range $id := $eo.ids }}
{{ include "homelab.common.role" (dict "root" $ "id" $id "v" (index $rbac.roles $id | default dict)) }}
{{- end -}}
{{- include "homelab.common.lib.enabledIds" (dict "map" $rbac.bindings "out" $eo) -}}
{{- range $id := $eo.ids }}
{{ include "homelab.common.roleBinding" (dict "root" $ "id" $id "v" (index $rbac.bindings $id | default dict)) }}
{{- end -}}
{{- end -}}

{{/* A Role or ClusterRole (type, default Role). Call with (dict "root" $ "id" $id "v" $entry). */}}
{{- define "homelab.common.role" -}}
{{- $mo := dict -}}
{{- include "homelab.common.lib.metadata" (dict "root" .root "id" .id "entry" .v "out" $mo) -}}
{{- $rules := tpl (toYaml (.v.rules | default list)) .root | fromYamlArray -}}
---
{{ toYaml (dict "apiVersion" "rbac.authorization.k8s.io/v1" "kind" (default "Role" .v.type) "metadata" $mo.metadata "rules" $rules) }}
{{- end -}}

{{/*
A RoleBinding or ClusterRoleBinding (type, default RoleBinding). roleRef: { identifier } (a chart
role; its kind follows the role's type) or { name, kind }. subjects: { identifier } (a chart
ServiceAccount) or { kind, name, namespace }. Call with (dict "root" $ "id" $id "v" $entry).
*/}}
{{- define "homelab.common.roleBinding" -}}
{{- $root := .root -}}
{{- $v := .v -}}
{{- $type := default "RoleBinding" $v.type -}}
{{- $ref := $v.roleRef | default dict -}}
{{- $roleRef := dict "apiGroup" "rbac.authorization.k8s.io" -}}
{{- if $ref.identifier -}}
{{- $role := index (($root.Values.rbac | default dict).roles | default dict) $ref.identifier | default dict -}}
{{- $_ := set $roleRef "name" (include "homelab.componentName" (dict "root" $root "id" $ref.identifier)) -}}
{{- $_ := set $roleRef "kind" (default "Role" $role.type) -}}
{{- else -}}
{{- $_ := set $roleRef "name" (tpl (toString $ref.name) $root) -}}
{{- $_ := set $roleRef "kind" (default (eq $type "ClusterRoleBinding" | ternary "ClusterRole" "Role") $ref.kind) -}}
{{- end -}}
{{- $subjects := list -}}
{{- range $s := ($v.subjects | default list) -}}
{{- if $s.identifier -}}
{{- $subjects = append $subjects (dict "kind" "ServiceAccount" "name" (include "homelab.componentName" (dict "root" $root "id" $s.identifier)) "namespace" $root.Release.Namespace) -}}
{{- else -}}
{{- $kind := default "ServiceAccount" $s.kind -}}
{{- $subject := dict "kind" $kind "name" (tpl (toString $s.name) $root) -}}
{{- if eq $kind "ServiceAccount" -}}
{{- $_ := set $subject "namespace" (default $root.Release.Namespace $s.namespace) -}}
{{- else -}}
{{- $_ := set $subject "apiGroup" "rbac.authorization.k8s.io" -}}
{{- with $s.namespace -}}{{- $_ := set $subject "namespace" . -}}{{- end -}}
{{- end -}}
{{- $subjects = append $subjects $subject -}}
{{- end -}}
{{- end -}}
{{- $mo := dict -}}
{{- include "homelab.common.lib.metadata" (dict "root" $root "id" .id "entry" $v "out" $mo) -}}
---
{{ toYaml (dict "apiVersion" "rbac.authorization.k8s.io/v1" "kind" $type "metadata" $mo.metadata "roleRef" $roleRef "subjects" $subjects) }}
{{- end -}}
