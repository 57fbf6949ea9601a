{{/*
Ingresses (values: ingress.<id>). Entry point: homelab.common.ingresses, called with the chart's root context.
Hosts, paths, TLS hosts and secret names pass through tpl.
*/}}

{{/* Every enabled ingress.<id>, as Ingress objects. */}}
{{- define "homelab.common.ingresses" -}}
{{- $root := . -}}
{{- range $id, $i := (.Values.ingress | default dict) }}
{{- if include "homelab.common.net.enabled" (dict "entry" $i "default" true) }}
{{ include "homelab.common.net.ingress" (dict "root" $root "id" $id "ingress" $i) }}
{{- end }}
{{- end }}
{{- end -}}

{{/* The backend of one ingress path: (dict "root" $ "service" $pathService "key" $key), as YAML. */}}
{{- define "homelab.common.net.ingressBackend" -}}
{{- $svc := .service | default dict -}}
{{- if not (kindIs "map" $svc) -}}
{{- fail (printf "%s: must be a map with identifier (a chart service id) or name (an existing Service), and port. Fix: e.g. service: { identifier: main, port: http }." .key) -}}
{{- end -}}
{{- if and $svc.identifier $svc.name -}}
{{- fail (printf "%s: has both identifier and name. Fix: keep identifier for a chart service or name for a Service outside the chart." .key) -}}
{{- end -}}
{{- if $svc.identifier -}}
{{- $resolved := fromJson (include "homelab.common.net.resolvePort" (dict "root" .root "identifier" $svc.identifier "port" $svc.port "key" .key)) -}}
name: {{ $resolved.service }}
port:
  number: {{ int $resolved.number }}
{{- else if $svc.name -}}
{{- if or (kindIs "invalid" $svc.port) (eq (toString $svc.port) "") -}}
{{- fail (printf "%s.port: required with name (the chart cannot look up the ports of Service %q). Fix: set port to its port number or name." .key (toString $svc.name)) -}}
{{- end -}}
name: {{ tpl (toString $svc.name) .root }}
port:
  {{- if include "homelab.common.net.isNumber" $svc.port }}
  number: {{ int $svc.port }}
  {{- else }}
  name: {{ $svc.port }}
  {{- end }}
{{- else -}}
{{- fail (printf "%s: names no service. Fix: set identifier to a chart service id (e.g. main) or name to an existing Service." .key) -}}
{{- end -}}
{{- end -}}

{{/* One Ingress: (dict "root" $ "id" $id "ingress" $i). */}}
{{- define "homelab.common.net.ingress" -}}
{{- $root := .root -}}
{{- $id := .id -}}
{{- $i := .ingress | default dict -}}
{{- $key := printf "ingress.%s" $id -}}
{{- $className := "traefik" -}}
{{- if hasKey $i "className" -}}{{- $className = $i.className | default "" -}}{{- end -}}
{{- if not $i.hosts -}}
{{- fail (printf "%s.hosts: no host. Fix: add one, e.g. hosts: [ { host: app.example.org, paths: [ { path: /, service: { identifier: main, port: http } } ] } ]." $key) -}}
{{- end -}}
{{- $pathTypes := list "Prefix" "Exact" "ImplementationSpecific" -}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  {{- include "homelab.common.net.metadata" (dict "root" $root "id" $id "entry" $i) | nindent 2 }}
spec:
  {{- with $className }}
  ingressClassName: {{ . }}
  {{- end }}
  {{- with $i.tls }}
  tls:
    {{- range $t, $tls := . }}
    {{- $tlsHosts := $tls.hosts }}
    {{- if not $tlsHosts }}
    {{- $tlsHosts = list }}
    {{- range $i.hosts }}{{- with .host }}{{- $tlsHosts = append $tlsHosts . }}{{- end }}{{- end }}
    {{- end }}
    - hosts:
        {{- range $tlsHosts }}
        - {{ tpl (toString .) $root | quote }}
        {{- end }}
      {{- with $tls.secretName }}
      secretName: {{ tpl (toString .) $root | quote }}
      {{- end }}
    {{- end }}
  {{- end }}
  rules:
    {{- range $h, $host := $i.hosts }}
    {{- $hkey := printf "%s.hosts[%d]" $key $h }}
    {{- if not $host.paths }}
    {{- fail (printf "%s.paths: no path. Fix: add one, e.g. paths: [ { path: /, service: { identifier: main, port: http } } ]." $hkey) }}
    {{- end }}
    {{- if $host.host }}
    - host: {{ tpl (toString $host.host) $root | quote }}
      http:
    {{- else }}
    - http:
    {{- end }}
        paths:
          {{- range $p, $path := $host.paths }}
          {{- $pkey := printf "%s.paths[%d]" $hkey $p }}
          {{- $pathType := $path.pathType | default "Prefix" | toString }}
          {{- if not (has $pathType $pathTypes) }}
          {{- fail (printf "%s.pathType: %q is not a path type. Fix: use one of %s." $pkey $pathType (join ", " $pathTypes)) }}
          {{- end }}
          - path: {{ tpl (toString ($path.path | default "/")) $root | quote }}
            pathType: {{ $pathType }}
            backend:
              service:
                {{- include "homelab.common.net.ingressBackend" (dict "root" $root "service" $path.service "key" (printf "%s.service" $pkey)) | nindent 16 }}
          {{- end }}
    {{- end }}
{{- end -}}
