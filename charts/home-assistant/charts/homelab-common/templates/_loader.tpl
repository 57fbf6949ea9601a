{{/*
The single entry point: a chart's only template is
  {{ include "homelab.common.all" . }}
It validates the values (failing with `<key path>: <problem>. Fix: <what to do>`), then renders
every object kind, each kind by its own define, joined without blank lines.
*/}}
{{- define "homelab.common.all" -}}
{{- include "homelab.common.validate" . -}}
{{- $kinds := list
  "homelab.common.serviceAccounts"
  "homelab.common.rbac"
  "homelab.common.configMaps"
  "homelab.common.secrets"
  "homelab.common.pvcs"
  "homelab.common.services"
  "homelab.common.controllers"
  "homelab.common.ingresses"
  "homelab.common.routes"
  "homelab.common.networkpolicies"
  "homelab.common.monitors"
  "homelab.common.rawResources"
-}}
{{- $docs := list -}}
{{- range $define := $kinds -}}
{{- $text := regexReplaceAll "^\\s+" (include $define $) "" -}}
{{- if trim $text -}}{{- $docs = append $docs $text -}}{{- end -}}
{{- end -}}
{{- $docs | join "\n" -}}
{{- end -}}
