{{/* Chart name, truncated to 63 characters. */}}
{{- define "homelab.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Full name: release and chart name, or the release name when it already contains the chart name. */}}
{{- define "homelab.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Chart name and version, as the helm.sh/chart label wants it. */}}
{{- define "homelab.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels every object of the release carries. */}}
{{- define "homelab.labels" -}}
helm.sh/chart: {{ include "homelab.chart" . }}
{{ include "homelab.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: homelab
{{- end -}}

{{/* Labels that select the release's pods. */}}
{{- define "homelab.selectorLabels" -}}
app.kubernetes.io/name: {{ include "homelab.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/*
Name of one component (controller, service, claim, ConfigMap, Secret, ServiceAccount, role...):
the full name when the id is main, else <fullname>-<id>. Call with (dict "root" $ "id" $id).
*/}}
{{- define "homelab.componentName" -}}
{{- $full := include "homelab.fullname" .root -}}
{{- if eq .id "main" -}}
{{- $full -}}
{{- else -}}
{{- printf "%s-%s" ($full | trunc (int (sub 62 (len .id)))) .id | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Labels of one component. Call with (dict "root" $ "id" $id). */}}
{{- define "homelab.componentLabels" -}}
{{ include "homelab.labels" .root }}
app.kubernetes.io/component: {{ .id }}
{{- end -}}

{{/* Selector labels of one controller's pods. Call with (dict "root" $ "id" $id). */}}
{{- define "homelab.componentSelectorLabels" -}}
{{ include "homelab.selectorLabels" .root }}
app.kubernetes.io/component: {{ .id }}
{{- end -}}

{{/*
Metadata of one object as a dict: name, labels (the component's, then the entry's own; the
component's win), annotations (the entry's, then `extra`). Label and annotation values pass
through tpl. Call with (dict "root" $ "id" $id "entry" $entry "name" <optional> "extra" <dict>
"out" $out); sets $out.metadata.
*/}}
{{- define "homelab.common.lib.metadata" -}}
{{- $root := .root -}}
{{- $entry := .entry | default dict -}}
{{- $labels := dict -}}
{{- range $k, $v := (include "homelab.componentLabels" (dict "root" $root "id" .id) | fromYaml) -}}
{{- $_ := set $labels $k (toString $v) -}}
{{- end -}}
{{- range $k, $v := ($entry.labels | default dict) -}}
{{- if not (hasKey $labels $k) -}}
{{- $_ := set $labels $k (tpl (toString $v) $root) -}}
{{- end -}}
{{- end -}}
{{- $annotations := dict -}}
{{- range $k, $v := ($entry.annotations | default dict) -}}
{{- $_ := set $annotations $k (tpl (toString $v) $root) -}}
{{- end -}}
{{- range $k, $v := (.extra | default dict) -}}
{{- $_ := set $annotations $k $v -}}
{{- end -}}
{{- $name := .name | default (include "homelab.componentName" (dict "root" $root "id" .id)) -}}
{{- $meta := dict "name" $name "labels" $labels -}}
{{- if $annotations -}}
{{- $_ := set $meta "annotations" $annotations -}}
{{- end -}}
{{- $_ := set .out "metadata" $meta -}}
{{- end -}}
