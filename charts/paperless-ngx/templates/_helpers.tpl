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

{{/* Name of one component (controller, service, volume...): the full name, suffixed unless the id is main. Call with (dict "root" $ "id" $id). */}}
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

{{/* The ServiceAccount the pods use. */}}
{{- define "homelab.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "homelab.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* The image reference of a controller: repository:tag, @digest when pinned. */}}
{{- define "homelab.image" -}}
{{- $ref := printf "%s:%s" .repository (required "image.tag is required: pin the image to a released tag" .tag) -}}
{{- if .digest -}}{{- printf "%s@%s" $ref .digest -}}{{- else -}}{{- $ref -}}{{- end -}}
{{- end -}}

{{/* Name of a chart Secret, or the existing one it points at. Call with (dict "root" $ "id" $id). */}}
{{- define "homelab.secretName" -}}
{{- $s := index .root.Values.secrets .id | default dict -}}
{{- if $s.existingSecret -}}
{{- $s.existingSecret -}}
{{- else -}}
{{- include "homelab.componentName" . -}}
{{- end -}}
{{- end -}}
