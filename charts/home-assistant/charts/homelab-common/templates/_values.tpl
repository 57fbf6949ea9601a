{{/*
Small helpers over values. Templates cannot return values, so helpers that compute a list or a
dict take an `out` dict and set a key on it; helpers that answer yes/no print "true" or nothing.
*/}}

{{/* "true" when an entry of an id map is enabled: a map whose `enabled` is absent, null or true. */}}
{{- define "homelab.common.lib.enabled" -}}
{{- if kindIs "map" . -}}
{{- if or (not (hasKey . "enabled")) (kindIs "invalid" .enabled) (eq (toString .enabled) "true") -}}true{{- end -}}
{{- else if kindIs "invalid" . -}}true{{- end -}}
{{- end -}}

{{/* Sorted ids of the enabled entries of an id map. Call with (dict "map" $m "out" $out); sets $out.ids. */}}
{{- define "homelab.common.lib.enabledIds" -}}
{{- $ids := list -}}
{{- range $id, $e := (.map | default dict) -}}
{{- if include "homelab.common.lib.enabled" $e -}}
{{- $ids = append $ids $id -}}
{{- end -}}
{{- end -}}
{{- $_ := set .out "ids" ($ids | sortAlpha) -}}
{{- end -}}

{{/* A key's value, or `default` when the key is absent or null (false, 0 and "" are kept). Call with (dict "map" $m "key" $k "default" $d "out" $out); sets $out.value. */}}
{{- define "homelab.common.lib.get" -}}
{{- $m := .map | default dict -}}
{{- $v := .default -}}
{{- if and (hasKey $m .key) (not (kindIs "invalid" (index $m .key))) -}}
{{- $v = index $m .key -}}
{{- end -}}
{{- $_ := set .out "value" $v -}}
{{- end -}}

{{/* `base` with the keys of `over` laid on top, one level deep; a null in `over` keeps the base key. Call with (dict "base" $b "over" $o "out" $out); sets $out.merged (a new dict). */}}
{{- define "homelab.common.lib.overlay" -}}
{{- $merged := deepCopy (.base | default dict) -}}
{{- range $k, $v := (.over | default dict) -}}
{{- if not (kindIs "invalid" $v) -}}
{{- $_ := set $merged $k $v -}}
{{- end -}}
{{- end -}}
{{- $_ := set .out "merged" $merged -}}
{{- end -}}

{{/* A value converted for output: whole floats become ints, everything else unchanged. Call with (dict "value" $v "out" $out); sets $out.value. */}}
{{- define "homelab.common.lib.number" -}}
{{- $v := .value -}}
{{- if and (kindIs "float64" $v) (eq (float64 (int64 $v)) $v) -}}
{{- $v = int64 $v -}}
{{- end -}}
{{- $_ := set .out "value" $v -}}
{{- end -}}

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

{{/* Name of a chart Secret or the existing one it stands for. Call with (dict "root" $ "id" $id). */}}
{{- define "homelab.secretName" -}}
{{- $s := index (.root.Values.secrets | default dict) .id | default dict -}}
{{- if $s.existingSecret -}}
{{- tpl (toString $s.existingSecret) .root -}}
{{- else -}}
{{- include "homelab.componentName" . -}}
{{- end -}}
{{- end -}}

{{/* Name of a chart ConfigMap. Call with (dict "root" $ "id" $id). */}}
{{- define "homelab.configMapName" -}}
{{- include "homelab.componentName" . -}}
{{- end -}}

{{/*
Name of an object referenced by `identifier` (a chart object id, resolved with `nameDefine`) or by
`name` (an existing object, passed through tpl). Call with (dict "root" $ "ref" $ref "nameDefine"
"homelab.secretName"); prints the name.
*/}}
{{- define "homelab.common.lib.refName" -}}
{{- $ref := .ref | default dict -}}
{{- if $ref.identifier -}}
{{- include .nameDefine (dict "root" .root "id" $ref.identifier) -}}
{{- else if $ref.name -}}
{{- tpl (toString $ref.name) .root -}}
{{- end -}}
{{- end -}}
