{{/* "true" when an enabled entry with this id exists in the map. Call with (dict "map" $m "id" $id). */}}
{{- define "homelab.common.lib.hasEnabled" -}}
{{- $m := .map | default dict -}}
{{- if and (kindIs "map" $m) (hasKey $m (toString .id)) (include "homelab.common.lib.enabled" (index $m (toString .id))) -}}true{{- end -}}
{{- end -}}

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
