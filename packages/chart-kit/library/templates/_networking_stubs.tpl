{{- /*
Empty stand-ins for the networking defines, so the loader renders while they are being written.
Go templates never let an empty define replace a non-empty one, so the real defines in
_service.tpl, _ingress.tpl, _route.tpl, _networkpolicy.tpl and _monitor.tpl always win.
Delete this file once all five exist.
*/ -}}
{{- define "homelab.common.services" -}}{{- end -}}
{{- define "homelab.common.ingresses" -}}{{- end -}}
{{- define "homelab.common.routes" -}}{{- end -}}
{{- define "homelab.common.networkpolicies" -}}{{- end -}}
{{- define "homelab.common.monitors" -}}{{- end -}}
