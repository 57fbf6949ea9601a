{{/*
The single entry point: a chart's only template is
  {{ include "homelab.common.all" . }}
It validates the values (failing with `<key path>: <problem>. Fix: <what to do>`), then renders
every object kind, each kind by its own define.
*/}}
{{- define "homelab.common.all" -}}
{{- include "homelab.common.validate" . -}}
{{- include "homelab.common.serviceAccounts" . }}
{{ include "homelab.common.rbac" . }}
{{ include "homelab.common.configMaps" . }}
{{ include "homelab.common.secrets" . }}
{{ include "homelab.common.pvcs" . }}
{{ include "homelab.common.services" . }}
{{ include "homelab.common.controllers" . }}
{{ include "homelab.common.ingresses" . }}
{{ include "homelab.common.routes" . }}
{{ include "homelab.common.networkpolicies" . }}
{{ include "homelab.common.monitors" . }}
{{ include "homelab.common.rawResources" . }}
{{- end -}}
