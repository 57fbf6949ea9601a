{{/* The wire protocol of a port (TCP when not given): HTTP and HTTPS travel as TCP. The one place of this rule. */}}
{{- define "homelab.common.lib.wireProtocol" -}}
{{- $p := . | default "TCP" | toString | upper -}}
{{- if has $p (list "HTTP" "HTTPS") -}}TCP{{- else -}}{{- $p -}}{{- end -}}
{{- end -}}

{{/* The enabled ports of a service as JSON [{name, number, targetPort, protocol, primary}], sorted by name. */}}
{{- define "homelab.common.net.servicePorts" -}}
{{- $ports := list -}}
{{- range $name, $p := (.ports | default dict) -}}
{{- if include "homelab.common.net.enabled" (dict "entry" $p "default" true) -}}
{{- $p = $p | default dict -}}
{{- $number := int ($p.port | default 0) -}}
{{- $target := $p.targetPort | default $number -}}
{{- if include "homelab.common.net.isNumber" $target -}}{{- $target = int $target -}}{{- end -}}
{{- $ports = append $ports (dict "name" $name "number" $number "targetPort" $target
      "protocol" (include "homelab.common.lib.wireProtocol" $p.protocol) "primary" ($p.primary | default false)) -}}
{{- end -}}
{{- end -}}
{{- toJson $ports -}}
{{- end -}}

{{/*
A chart service's port, resolved for a reference to it:
(dict "root" $ "identifier" $sid "port" $port "key" "ingress.x.hosts[0].paths[0].service").
`port` is a port name, a port number, or empty for the service's primary (or only) port.
Prints JSON {service (its object name), name, number}; fails naming `key` when the service or port is not there.
*/}}
{{- define "homelab.common.net.resolvePort" -}}
{{- $root := .root -}}
{{- $key := .key -}}
{{- $sid := toString .identifier -}}
{{- $services := $root.Values.service | default dict -}}
{{- $known := keys $services | sortAlpha | join ", " | default "none" -}}
{{- if not (hasKey $services $sid) -}}
{{- fail (printf "%s: service %q is not a service of this chart (its services: %s). Fix: set identifier to one of the chart's service ids, or use name for a Service outside the chart." $key $sid $known) -}}
{{- end -}}
{{- $s := index $services $sid | default dict -}}
{{- if not (include "homelab.common.net.enabled" (dict "entry" $s "default" true)) -}}
{{- fail (printf "%s: service %q is disabled. Fix: enable service.%s or point at an enabled service." $key $sid $sid) -}}
{{- end -}}
{{- $ports := fromJsonArray (include "homelab.common.net.servicePorts" $s) -}}
{{- $listed := list -}}
{{- range $ports -}}{{- $listed = append $listed (printf "%s=%d" .name (int .number)) -}}{{- end -}}
{{- $listed = join ", " $listed | default "none" -}}
{{- $found := dict -}}
{{- $want := .port -}}
{{- if or (kindIs "invalid" $want) (eq (toString $want) "") -}}
{{- range $ports -}}{{- if .primary -}}{{- $found = . -}}{{- end -}}{{- end -}}
{{- if and (not $found) (eq (len $ports) 1) -}}{{- $found = first $ports -}}{{- end -}}
{{- if not $found -}}
{{- fail (printf "%s: no port given and service %q has no primary or single port (its ports: %s). Fix: set port to one of its port names or numbers." $key $sid $listed) -}}
{{- end -}}
{{- else -}}
{{- $byNumber := include "homelab.common.net.isNumber" $want -}}
{{- range $ports -}}
{{- if or (and $byNumber (eq (int .number) (int $want))) (and (not $byNumber) (eq .name (toString $want))) -}}{{- $found = . -}}{{- end -}}
{{- end -}}
{{- if not $found -}}
{{- fail (printf "%s: port %v is not a port of service %q (its ports: %s). Fix: use one of its port names or numbers." $key $want $sid $listed) -}}
{{- end -}}
{{- end -}}
{{- toJson (dict "service" (include "homelab.componentName" (dict "root" $root "id" $sid)) "name" $found.name "number" (int $found.number)) -}}
{{- end -}}
