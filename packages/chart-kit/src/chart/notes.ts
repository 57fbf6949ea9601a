/** templates/NOTES.txt of every service chart: where to open it and how to watch its pods. */
export const NOTES_TXT = `{{ .Chart.Name }} {{ .Chart.AppVersion }} is installed as release {{ .Release.Name }} in namespace {{ .Release.Namespace }}.
{{- $urls := list }}
{{- range $id, $i := .Values.ingress }}{{ if ne $i.enabled false }}
{{- $tls := list }}{{ range $i.tls }}{{ $tls = concat $tls (.hosts | default list) }}{{ end }}
{{- range $i.hosts }}{{ $host := tpl .host $ }}{{ range .paths }}
{{- $urls = append $urls (printf "%s://%s%s" (ternary "https" "http" (has $host $tls)) $host (.path | default "/")) }}
{{- end }}{{ end }}{{ end }}{{ end }}
{{- if $urls }}

Open it at:
{{- range $urls }}
  {{ . }}
{{- end }}
{{- end }}

Watch the pods come up:
  kubectl --namespace {{ .Release.Namespace }} get pods -l app.kubernetes.io/instance={{ .Release.Name }}
`;

/** templates/common.yaml of every service chart: the library renders every object. */
export const COMMON_YAML = `{{/* Every object of this chart is rendered by the homelab-common library from .Values. */}}
{{ include "homelab.common.all" . }}
`;
