{{/*
Ports of the Services selecting one controller become container ports by name: one name must
mean one port number and protocol; a targetPort given by name must name a container port.
Call with (dict "root" $ "cid" $controllerId "containerPorts" <names of the pod's ports>).
*/}}
{{- define "homelab.common.validate.servicePorts" -}}
{{- $root := .root -}}
{{- $seen := dict -}}
{{- $so := dict -}}
{{- include "homelab.common.lib.enabledIds" (dict "map" $root.Values.service "out" $so) -}}
{{- range $sid := $so.ids -}}
{{- $svc := index $root.Values.service $sid | default dict -}}
{{- if eq (include "homelab.common.lib.serviceControllerId" (dict "root" $root "service" $svc)) $.cid -}}
{{- $po := dict -}}
{{- include "homelab.common.lib.enabledIds" (dict "map" $svc.ports "out" $po) -}}
{{- range $pname := $po.ids -}}
{{- $p := index $svc.ports $pname | default dict -}}
{{- $path := printf "service.%s.ports.%s" $sid $pname -}}
{{- if kindIs "string" $p.targetPort -}}
{{- if not (has $p.targetPort $.containerPorts) -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s.targetPort" $path) "problem" (printf "controller %q has no container port named %q" $.cid $p.targetPort) "fix" (printf "declare it in a container's ports of controllers.%s, or give targetPort as a number" $.cid)) -}}
{{- end -}}
{{- else -}}
{{- $number := $p.port -}}
{{- if not (kindIs "invalid" $p.targetPort) -}}{{- $number = $p.targetPort -}}{{- end -}}
{{- $protocol := include "homelab.common.lib.wireProtocol" $p.protocol -}}
{{- $key := printf "%v/%s" $number $protocol -}}
{{- if and (hasKey $seen $pname) (ne (index $seen $pname).key $key) -}}
{{- include "homelab.common.lib.fail" (dict "path" $path "problem" (printf "container port %q of controller %q would be %s here but %s in %s" $pname $.cid $key (index $seen $pname).key (index $seen $pname).path) "fix" "give the two ports different names, or the same number and protocol") -}}
{{- end -}}
{{- $_ := set $seen $pname (dict "key" $key "path" $path) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
