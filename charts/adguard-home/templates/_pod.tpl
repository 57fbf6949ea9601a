{{/* The pod template of one controller. Call with (dict "root" $ "id" $id "c" $controller). */}}
{{- define "homelab.podTemplate" -}}
{{- $root := .root -}}
{{- $id := .id -}}
{{- $c := .c -}}
{{- $ports := list -}}
{{- range $sid, $s := $root.Values.service -}}
{{- if and $s.enabled (eq $s.controller $id) -}}
{{- range $pname, $p := $s.ports -}}
{{- $ports = append $ports (dict "name" $pname "containerPort" (default $p.port $p.targetPort) "protocol" $p.protocol) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- $volumes := dict -}}
{{- range $vid, $v := $root.Values.persistence -}}
{{- if and $v.enabled (eq $v.controller $id) -}}
{{- $_ := set $volumes $vid $v -}}
{{- end -}}
{{- end -}}
metadata:
  labels:
    {{- include "homelab.componentSelectorLabels" (dict "root" $root "id" $id) | nindent 4 }}
  annotations:
    checksum/config: {{ toJson $root.Values.configMaps | sha256sum }}
    {{- with $c.podAnnotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  serviceAccountName: {{ include "homelab.serviceAccountName" $root }}
  automountServiceAccountToken: {{ $root.Values.serviceAccount.automount }}
  enableServiceLinks: false
  {{- if $c.hostNetwork }}
  hostNetwork: true
  dnsPolicy: ClusterFirstWithHostNet
  {{- end }}
  securityContext:
    {{- toYaml $c.podSecurityContext | nindent 4 }}
  {{- with $c.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $c.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $c.affinity }}
  affinity:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  containers:
    - name: {{ $id }}
      image: {{ include "homelab.image" $c.image | quote }}
      imagePullPolicy: {{ $c.image.pullPolicy }}
      {{- with $c.command }}
      command:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $c.args }}
      args:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- if or $c.env $c.secretEnv }}
      env:
        {{- range $name, $value := $c.env }}
        - name: {{ $name }}
          value: {{ tpl (toString $value) $root | quote }}
        {{- end }}
        {{- range $name, $ref := $c.secretEnv }}
        - name: {{ $name }}
          valueFrom:
            secretKeyRef:
              name: {{ include "homelab.secretName" (dict "root" $root "id" $ref.secret) }}
              key: {{ $ref.key }}
        {{- end }}
      {{- end }}
      {{- with $ports }}
      ports:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- range $kind := list "liveness" "readiness" "startup" }}
      {{- $p := get $c.probes $kind }}
      {{- if and $p $p.enabled }}
      {{ $kind }}Probe:
        {{- if eq $p.type "http" }}
        httpGet:
          path: {{ $p.path }}
          port: {{ $p.port }}
          scheme: {{ default "HTTP" $p.scheme }}
        {{- else if eq $p.type "tcp" }}
        tcpSocket:
          port: {{ $p.port }}
        {{- else }}
        exec:
          command:
            {{- toYaml (required (printf "controllers.%s.probes.%s.command is required for an exec probe" $id $kind) $p.command) | nindent 12 }}
        {{- end }}
        initialDelaySeconds: {{ $p.initialDelaySeconds }}
        periodSeconds: {{ $p.periodSeconds }}
        timeoutSeconds: {{ $p.timeoutSeconds }}
        failureThreshold: {{ $p.failureThreshold }}
      {{- end }}
      {{- end }}
      resources:
        {{- toYaml $c.resources | nindent 8 }}
      securityContext:
        {{- toYaml $c.securityContext | nindent 8 }}
      {{- if $volumes }}
      volumeMounts:
        {{- range $vid, $v := $volumes }}
        - name: {{ $vid }}
          mountPath: {{ $v.mountPath }}
          {{- with $v.subPath }}
          subPath: {{ . }}
          {{- end }}
          {{- if $v.readOnly }}
          readOnly: true
          {{- end }}
        {{- end }}
      {{- end }}
  {{- if $volumes }}
  volumes:
    {{- range $vid, $v := $volumes }}
    - name: {{ $vid }}
      {{- if eq $v.type "persistentVolumeClaim" }}
      persistentVolumeClaim:
        claimName: {{ default (include "homelab.componentName" (dict "root" $root "id" $vid)) $v.existingClaim }}
      {{- else if eq $v.type "emptyDir" }}
      emptyDir:
        {{- with $v.medium }}
        medium: {{ . }}
        {{- end }}
        {{- with $v.sizeLimit }}
        sizeLimit: {{ . }}
        {{- end }}
      {{- else if eq $v.type "configMap" }}
      configMap:
        name: {{ include "homelab.componentName" (dict "root" $root "id" $v.configMap) }}
      {{- end }}
    {{- end }}
  {{- end }}
{{- end -}}
