{{/* The controller id a Service sends traffic to: its `controller`, else the only enabled controller, else main. Call with (dict "root" $ "service" $svc); prints the id. */}}
{{- define "homelab.common.lib.serviceControllerId" -}}
{{- $svc := .service | default dict -}}
{{- if $svc.controller -}}
{{- $svc.controller -}}
{{- else -}}
{{- $out := dict -}}
{{- include "homelab.common.lib.enabledIds" (dict "map" .root.Values.controllers "out" $out) -}}
{{- if eq (len $out.ids) 1 -}}{{ first $out.ids }}{{- else -}}main{{- end -}}
{{- end -}}
{{- end -}}
