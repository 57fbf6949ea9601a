{{/*
Validation of the workload and storage values. Every failure reads
  <key path>: <problem>. Fix: <what to do>
and stops `helm template` / `helm install` before anything is applied.
*/}}

{{/* Fails the render. Call with (dict "path" $path "problem" $problem "fix" $fix). */}}
{{- define "homelab.common.lib.fail" -}}
{{- fail (printf "%s: %s. Fix: %s" .path .problem .fix) -}}
{{- end -}}

{{/* The first words of a fix naming the enabled ids of a map: "use one of: a, b" or "define <what>.<id> first". Call with (dict "map" $m "what" <key path of the map>). */}}
{{- define "homelab.common.lib.choices" -}}
{{- $o := dict -}}
{{- include "homelab.common.lib.enabledIds" (dict "map" .map "out" $o) -}}
{{- if $o.ids -}}use one of: {{ $o.ids | join ", " }}{{- else -}}define {{ .what }}.<id> first{{- end -}}
{{- end -}}
