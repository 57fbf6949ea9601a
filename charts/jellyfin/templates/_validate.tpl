{{/* Checks references between values; a broken one fails the render with the key and the fix. */}}
{{- define "homelab.validate" -}}
{{- $controllers := .Values.controllers -}}
{{- range $id, $s := .Values.service -}}
{{- if and $s.enabled (not (hasKey $controllers $s.controller)) -}}
{{- fail (printf "service.%s.controller: controller %q is not defined; use one of: %s" $id $s.controller (keys $controllers | sortAlpha | join ", ")) -}}
{{- end -}}
{{- end -}}
{{- range $id, $v := .Values.persistence -}}
{{- if $v.enabled -}}
{{- if not (hasKey $controllers $v.controller) -}}
{{- fail (printf "persistence.%s.controller: controller %q is not defined; use one of: %s" $id $v.controller (keys $controllers | sortAlpha | join ", ")) -}}
{{- end -}}
{{- if and (eq $v.type "configMap") (not (hasKey $.Values.configMaps (toString $v.configMap))) -}}
{{- fail (printf "persistence.%s.configMap: ConfigMap %q is not defined under configMaps" $id (toString $v.configMap)) -}}
{{- end -}}
{{- if and (eq $v.type "persistentVolumeClaim") (not $v.existingClaim) (not $v.size) -}}
{{- fail (printf "persistence.%s.size: a size is required for a new claim (e.g. 5Gi), or set existingClaim" $id) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- range $id, $i := .Values.ingress -}}
{{- if $i.enabled -}}
{{- $svc := index $.Values.service $i.service -}}
{{- if not $svc -}}
{{- fail (printf "ingress.%s.service: service %q is not defined; use one of: %s" $id $i.service (keys $.Values.service | sortAlpha | join ", ")) -}}
{{- end -}}
{{- if not (hasKey $svc.ports $i.port) -}}
{{- fail (printf "ingress.%s.port: service %q has no port %q; use one of: %s" $id $i.service $i.port (keys $svc.ports | sortAlpha | join ", ")) -}}
{{- end -}}
{{- if not $i.host -}}
{{- fail (printf "ingress.%s.host: a host name is required (e.g. app.home.arpa), or set ingress.%s.enabled=false" $id $id) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- range $cid, $c := $controllers -}}
{{- range $name, $ref := $c.secretEnv -}}
{{- if not (hasKey $.Values.secrets $ref.secret) -}}
{{- fail (printf "controllers.%s.secretEnv.%s.secret: secret %q is not defined under secrets" $cid $name $ref.secret) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
