{{/*
Services (values: service.<id>). Entry point: homelab.common.services, called with the chart's root context.
Their ports: _ports.tpl; the controller a Service selects: _service-controller.tpl; checks: _validate.tpl.
*/}}

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
{{- $controller := include "homelab.common.lib.serviceControllerId" (dict "root" $root "service" $s) -}}
{{- if ne $type "ExternalName" -}}
{{- $controllers := $root.Values.controllers | default dict -}}
{{- if not (include "homelab.common.lib.hasEnabled" (dict "map" $controllers "id" $controller)) -}}
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
