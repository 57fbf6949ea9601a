{{/* rbac: role and binding types, references to chart roles and ServiceAccounts. */}}
{{- define "homelab.common.validate.rbac" -}}
{{- $root := . -}}
{{- $rbac := .Values.rbac | default dict -}}
{{- $eo := dict -}}
{{- include "homelab.common.lib.enabledIds" (dict "map" $rbac.roles "out" $eo) -}}
{{- range $id := $eo.ids -}}
{{- $type := default "Role" (index $rbac.roles $id | default dict).type -}}
{{- if not (has $type (list "Role" "ClusterRole")) -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "rbac.roles.%s.type" $id) "problem" (printf "unknown role type %q" (toString $type)) "fix" "use Role or ClusterRole") -}}
{{- end -}}
{{- end -}}
{{- include "homelab.common.lib.enabledIds" (dict "map" $rbac.bindings "out" $eo) -}}
{{- range $id := $eo.ids -}}
{{- $b := index $rbac.bindings $id | default dict -}}
{{- $path := printf "rbac.bindings.%s" $id -}}
{{- $type := default "RoleBinding" $b.type -}}
{{- if not (has $type (list "RoleBinding" "ClusterRoleBinding")) -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s.type" $path) "problem" (printf "unknown binding type %q" (toString $type)) "fix" "use RoleBinding or ClusterRoleBinding") -}}
{{- end -}}
{{- $ref := $b.roleRef | default dict -}}
{{- $kind := $ref.kind -}}
{{- if $ref.identifier -}}
{{- if not (include "homelab.common.lib.hasEnabled" (dict "map" $rbac.roles "id" $ref.identifier)) -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s.roleRef.identifier" $path) "problem" (printf "role %q is not defined (or not enabled) under rbac.roles" (toString $ref.identifier)) "fix" (printf "%s, or name an existing role with roleRef.name and roleRef.kind" (include "homelab.common.lib.choices" (dict "map" $rbac.roles "what" "rbac.roles")))) -}}
{{- end -}}
{{- $kind = default "Role" (index $rbac.roles $ref.identifier).type -}}
{{- else if not $ref.name -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s.roleRef" $path) "problem" "the binding names no role" "fix" "set roleRef.identifier (an id under rbac.roles) or roleRef.name and roleRef.kind") -}}
{{- end -}}
{{- if and (eq $type "ClusterRoleBinding") (eq (toString $kind) "Role") -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s.roleRef" $path) "problem" "a ClusterRoleBinding can only bind a ClusterRole" "fix" "make the role a ClusterRole, or the binding a RoleBinding") -}}
{{- end -}}
{{- range $i, $s := ($b.subjects | default list) -}}
{{- $spath := printf "%s.subjects[%d]" $path $i -}}
{{- if $s.identifier -}}
{{- if not (include "homelab.common.lib.hasEnabled" (dict "map" $root.Values.serviceAccount "id" $s.identifier)) -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s.identifier" $spath) "problem" (printf "ServiceAccount %q is not defined (or not enabled) under serviceAccount" (toString $s.identifier)) "fix" (printf "%s, or give kind, name and namespace" (include "homelab.common.lib.choices" (dict "map" $root.Values.serviceAccount "what" "serviceAccount")))) -}}
{{- end -}}
{{- else if not $s.name -}}
{{- include "homelab.common.lib.fail" (dict "path" $spath "problem" "the subject names nobody" "fix" "set identifier (an id under serviceAccount) or kind and name") -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
