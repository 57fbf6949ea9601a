{{/*
Services (values: service.<id>) and the helpers the networking templates share.
Entry point: homelab.common.services, called with the chart's root context.
*/}}

{{/*
"true" when an entry of an id map is on. Default-on entries follow homelab.common.lib.enabled (absent or null
`enabled` = on); default-off entries (monitors) need `enabled: true`. Call with (dict "entry" $e "default" true).
*/}}
{{- define "homelab.common.net.enabled" -}}
{{- if .default -}}
{{- include "homelab.common.lib.enabled" .entry -}}
{{- else if and (kindIs "map" .entry) (eq (toString .entry.enabled) "true") -}}true
{{- end -}}
{{- end -}}

{{/* "true" when id map .map has an enabled entry .id: (dict "map" $m "id" $id). */}}
{{- define "homelab.common.net.hasEnabled" -}}
{{- $m := .map | default dict -}}
{{- if and (hasKey $m (toString .id)) (include "homelab.common.lib.enabled" (index $m (toString .id))) -}}true{{- end -}}
{{- end -}}

{{/* "true" when a value is a number (or a string of digits). */}}
{{- define "homelab.common.net.isNumber" -}}
{{- if or (kindIs "float64" .) (kindIs "int64" .) (kindIs "int" .) (and (kindIs "string" .) (regexMatch "^[0-9]+$" .)) -}}true{{- end -}}
{{- end -}}

{{/* "true" when the cluster serves an API: (dict "root" $ "apiVersion" "group/version" "kind" "Kind"). */}}
{{- define "homelab.common.net.apiAvailable" -}}
{{- $apis := .root.Capabilities.APIVersions -}}
{{- if or ($apis.Has (printf "%s/%s" .apiVersion .kind)) ($apis.Has .apiVersion) -}}true{{- end -}}
{{- end -}}

{{/* Selector labels of every pod of the release (the component selector labels without the component). */}}
{{- define "homelab.common.net.releaseSelectorLabels" -}}
{{- $labels := fromYaml (include "homelab.componentSelectorLabels" (dict "root" . "id" "main")) -}}
{{- $_ := unset $labels "app.kubernetes.io/component" -}}
{{- toYaml $labels -}}
{{- end -}}

{{/* metadata of one networking object, as YAML (see homelab.common.lib.metadata): (dict "root" $ "id" $id "entry" $e). */}}
{{- define "homelab.common.net.metadata" -}}
{{- $out := dict -}}
{{- include "homelab.common.lib.metadata" (dict "root" .root "id" .id "entry" .entry "out" $out) -}}
{{- toYaml $out.metadata -}}
{{- end -}}

{{/* The controller a service sends traffic to (homelab.common.lib.serviceControllerId): (dict "root" $ "service" $s). */}}
{{- define "homelab.common.net.serviceController" -}}
{{- include "homelab.common.lib.serviceControllerId" . -}}
{{- end -}}

{{/* The wire protocol of a service port: HTTP and HTTPS travel as TCP. */}}
{{- define "homelab.common.net.wireProtocol" -}}
{{- $p := . | default "TCP" | toString -}}
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
      "protocol" (include "homelab.common.net.wireProtocol" $p.protocol) "primary" ($p.primary | default false)) -}}
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

{{/* Every enabled service.<id>, as Service objects. */}}
{{- define "homelab.common.services" -}}
{{- $root := . -}}
{{- range $id, $s := (.Values.service | default dict) }}
{{- if include "homelab.common.net.enabled" (dict "entry" $s "default" true) }}
{{ include "homelab.common.net.service" (dict "root" $root "id" $id "service" $s) }}
{{- end }}
{{- end }}
{{- end -}}

{{/* One Service: (dict "root" $ "id" $id "service" $s). */}}
{{- define "homelab.common.net.service" -}}
{{- $root := .root -}}
{{- $id := .id -}}
{{- $s := .service | default dict -}}
{{- $key := printf "service.%s" $id -}}
{{- $type := $s.type | default "ClusterIP" | toString -}}
{{- $types := list "ClusterIP" "NodePort" "LoadBalancer" "ExternalName" -}}
{{- if not (has $type $types) -}}
{{- fail (printf "%s.type: %q is not a Service type. Fix: use one of %s." $key $type (join ", " $types)) -}}
{{- end -}}
{{- /* fields that only some types take */ -}}
{{- $onlyFor := dict
      "externalName" (list "ExternalName")
      "externalTrafficPolicy" (list "NodePort" "LoadBalancer")
      "loadBalancerIP" (list "LoadBalancer")
      "loadBalancerClass" (list "LoadBalancer")
      "loadBalancerSourceRanges" (list "LoadBalancer")
      "allocateLoadBalancerNodePorts" (list "LoadBalancer") -}}
{{- range $field, $allowed := $onlyFor -}}
{{- if and (hasKey $s $field) (not (kindIs "invalid" (index $s $field))) (not (has $type $allowed)) -}}
{{- fail (printf "%s.%s: only for type %s (this service is %s). Fix: set type to %s or remove %s." $key $field (join " or " $allowed) $type (join " or " $allowed) $field) -}}
{{- end -}}
{{- end -}}
{{- if and (eq $type "ExternalName") (not $s.externalName) -}}
{{- fail (printf "%s.externalName: required for type ExternalName. Fix: set externalName to the DNS name the service points at." $key) -}}
{{- end -}}
{{- $protocols := list "TCP" "UDP" "SCTP" "HTTP" "HTTPS" -}}
{{- range $name, $p := ($s.ports | default dict) -}}
{{- if include "homelab.common.net.enabled" (dict "entry" $p "default" true) -}}
{{- $p = $p | default dict -}}
{{- $pkey := printf "%s.ports.%s" $key $name -}}
{{- if or (gt (len $name) 15) (not (regexMatch "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$" $name)) (not (regexMatch "[a-z]" $name)) (contains "--" $name) -}}
{{- fail (printf "%s: %q is not a valid port name (lowercase letters, digits and single dashes, at most 15 characters, at least one letter). Fix: rename the port, e.g. http." $pkey $name) -}}
{{- end -}}
{{- if not (include "homelab.common.net.isNumber" $p.port) -}}
{{- fail (printf "%s.port: required, a number from 1 to 65535. Fix: set port, e.g. port: 8080." $pkey) -}}
{{- end -}}
{{- if or (lt (int $p.port) 1) (gt (int $p.port) 65535) -}}
{{- fail (printf "%s.port: %v is out of range. Fix: use a number from 1 to 65535." $pkey $p.port) -}}
{{- end -}}
{{- if not (has ($p.protocol | default "TCP" | toString) $protocols) -}}
{{- fail (printf "%s.protocol: %q is not a protocol. Fix: use one of %s." $pkey (toString $p.protocol) (join ", " $protocols)) -}}
{{- end -}}
{{- if and $p.nodePort (not (has $type (list "NodePort" "LoadBalancer"))) -}}
{{- fail (printf "%s.nodePort: only for type NodePort or LoadBalancer (this service is %s). Fix: set type: NodePort or remove nodePort." $pkey $type) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- $ports := fromJsonArray (include "homelab.common.net.servicePorts" $s) -}}
{{- $headless := eq (toString $s.clusterIP) "None" -}}
{{- if and (not $ports) (ne $type "ExternalName") (not $headless) -}}
{{- fail (printf "%s.ports: no enabled port. Fix: add one, e.g. ports: { http: { port: 8080 } }." $key) -}}
{{- end -}}
{{- $controller := include "homelab.common.net.serviceController" (dict "root" $root "service" $s) -}}
{{- if ne $type "ExternalName" -}}
{{- $controllers := $root.Values.controllers | default dict -}}
{{- if not (include "homelab.common.net.hasEnabled" (dict "map" $controllers "id" $controller)) -}}
{{- fail (printf "%s.controller: %q is not an enabled controller of this chart (its controllers: %s). Fix: set controller to the id of the controller whose pods serve this service." $key $controller (keys $controllers | sortAlpha | join ", " | default "none")) -}}
{{- end -}}
{{- end -}}
---
apiVersion: v1
kind: Service
metadata:
  {{- include "homelab.common.net.metadata" (dict "root" $root "id" $id "entry" $s) | nindent 2 }}
spec:
  type: {{ $type }}
  {{- if eq $type "ExternalName" }}
  externalName: {{ tpl (toString $s.externalName) $root | quote }}
  {{- else }}
  selector:
    {{- include "homelab.componentSelectorLabels" (dict "root" $root "id" $controller) | nindent 4 }}
  {{- end }}
  {{- with $s.clusterIP }}
  clusterIP: {{ . | quote }}
  {{- end }}
  {{- range $field := list "externalTrafficPolicy" "internalTrafficPolicy" "ipFamilyPolicy" "loadBalancerClass" "sessionAffinity" }}
  {{- with (index $s $field) }}
  {{ $field }}: {{ . }}
  {{- end }}
  {{- end }}
  {{- with $s.loadBalancerIP }}
  loadBalancerIP: {{ tpl (toString .) $root | quote }}
  {{- end }}
  {{- if kindIs "bool" $s.allocateLoadBalancerNodePorts }}
  allocateLoadBalancerNodePorts: {{ $s.allocateLoadBalancerNodePorts }}
  {{- end }}
  {{- if kindIs "bool" $s.publishNotReadyAddresses }}
  publishNotReadyAddresses: {{ $s.publishNotReadyAddresses }}
  {{- end }}
  {{- range $field := list "ipFamilies" "loadBalancerSourceRanges" "externalIPs" }}
  {{- with (index $s $field) }}
  {{ $field }}:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- end }}
  {{- with $s.sessionAffinityConfig }}
  sessionAffinityConfig:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- if $ports }}
  ports:
    {{- range $p := $ports }}
    {{- $port := index $s.ports $p.name | default dict }}
    {{- $appProtocol := $port.appProtocol | default (get (dict "HTTP" "http" "HTTPS" "https") (toString $port.protocol)) }}
    - name: {{ $p.name }}
      port: {{ $p.number }}
      targetPort: {{ $p.targetPort }}
      protocol: {{ $p.protocol }}
      {{- with $appProtocol }}
      appProtocol: {{ . }}
      {{- end }}
      {{- with $port.nodePort }}
      nodePort: {{ int . }}
      {{- end }}
    {{- end }}
  {{- end }}
{{- end -}}
