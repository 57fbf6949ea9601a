{{/*
One container (or init container) of a controller's pod, as a dict.
Call with (dict "root" $ "cid" <controller id> "c" <controller> "id" <container id> "k" <container
values> "init" <bool> "ports" <service ports when this is the primary container> "out" $out);
sets $out.container.
*/}}
{{- define "homelab.common.lib.container" -}}
{{- $root := .root -}}
{{- $k := .k | default dict -}}
{{- $ctr := dict "name" (default .id $k.nameOverride) -}}
{{- $image := $k.image | default dict -}}
{{- $ref := printf "%s:%s" (toString $image.repository) (toString $image.tag) -}}
{{- if $image.digest -}}{{- $ref = printf "%s@%s" $ref $image.digest -}}{{- end -}}
{{- $_ := set $ctr "image" $ref -}}
{{- $_ := set $ctr "imagePullPolicy" (default "IfNotPresent" $image.pullPolicy) -}}
{{- with $k.command -}}{{- $_ := set $ctr "command" (kindIs "string" . | ternary (list .) .) -}}{{- end -}}
{{- with $k.args -}}{{- $_ := set $ctr "args" (kindIs "string" . | ternary (list .) .) -}}{{- end -}}
{{- with $k.workingDir -}}{{- $_ := set $ctr "workingDir" . -}}{{- end -}}
{{- if and .init $k.restartPolicy -}}{{- $_ := set $ctr "restartPolicy" $k.restartPolicy -}}{{- end -}}

{{- /* env: NAME: "value" | NAME: { value } | NAME: { valueFrom }, sorted by name */ -}}
{{- $env := list -}}
{{- range $name, $v := ($k.env | default dict) -}}
{{- if kindIs "map" $v -}}
{{- if hasKey $v "valueFrom" -}}
{{- $from := deepCopy ($v.valueFrom | default dict) -}}
{{- range $refKind, $nameDefine := (dict "secretKeyRef" "homelab.secretName" "configMapKeyRef" "homelab.configMapName") -}}
{{- if hasKey $from $refKind -}}
{{- $r := deepCopy (index $from $refKind | default dict) -}}
{{- $_ := set $r "name" (include "homelab.common.lib.refName" (dict "root" $root "ref" $r "nameDefine" $nameDefine)) -}}
{{- $_ := unset $r "identifier" -}}
{{- $_ := set $from $refKind $r -}}
{{- end -}}
{{- end -}}
{{- $env = append $env (dict "name" $name "valueFrom" $from) -}}
{{- else -}}
{{- $env = append $env (dict "name" $name "value" (tpl (toString $v.value) $root)) -}}
{{- end -}}
{{- else if not (kindIs "invalid" $v) -}}
{{- $env = append $env (dict "name" $name "value" (tpl (toString $v) $root)) -}}
{{- end -}}
{{- end -}}
{{- with $env -}}{{- $_ := set $ctr "env" . -}}{{- end -}}

{{- /* envFrom: secretRef / configMapRef by identifier or name */ -}}
{{- $envFrom := list -}}
{{- range $src := ($k.envFrom | default list) -}}
{{- $item := dict -}}
{{- with $src.prefix -}}{{- $_ := set $item "prefix" . -}}{{- end -}}
{{- range $refKind, $nameDefine := (dict "secretRef" "homelab.secretName" "configMapRef" "homelab.configMapName") -}}
{{- if hasKey $src $refKind -}}
{{- $r := index $src $refKind | default dict -}}
{{- $out := dict "name" (include "homelab.common.lib.refName" (dict "root" $root "ref" $r "nameDefine" $nameDefine)) -}}
{{- if hasKey $r "optional" -}}{{- $_ := set $out "optional" $r.optional -}}{{- end -}}
{{- $_ := set $item $refKind $out -}}
{{- end -}}
{{- end -}}
{{- $envFrom = append $envFrom $item -}}
{{- end -}}
{{- with $envFrom -}}{{- $_ := set $ctr "envFrom" . -}}{{- end -}}

{{- /* ports: the Services' ports (primary container only), then the container's own */ -}}
{{- $ports := list -}}
{{- range $p := (.ports | default list) -}}{{- $ports = append $ports $p -}}{{- end -}}
{{- range $p := ($k.ports | default list) -}}
{{- $port := dict "name" $p.name "containerPort" (int $p.containerPort) "protocol" (default "TCP" $p.protocol) -}}
{{- with $p.hostPort -}}{{- $_ := set $port "hostPort" (int .) -}}{{- end -}}
{{- $ports = append $ports $port -}}
{{- end -}}
{{- with $ports -}}{{- $_ := set $ctr "ports" . -}}{{- end -}}

{{- /* probes */ -}}
{{- range $kind := list "liveness" "readiness" "startup" -}}
{{- $p := index ($k.probes | default dict) $kind -}}
{{- if and (hasKey ($k.probes | default dict) $kind) (include "homelab.common.lib.enabled" $p) -}}
{{- $p = $p | default dict -}}
{{- $po := dict -}}
{{- include "homelab.common.lib.probe" (dict "probe" $p "ports" $ports "out" $po) -}}
{{- $_ := set $ctr (printf "%sProbe" $kind) $po.probe -}}
{{- end -}}
{{- end -}}

{{- with $k.lifecycle -}}{{- $_ := set $ctr "lifecycle" . -}}{{- end -}}

{{- /* resources: requests default to 50m / 64Mi; a given `requests` or `limits` replaces that key */ -}}
{{- $res := dict "requests" (dict "cpu" "50m" "memory" "64Mi") -}}
{{- $ro := dict -}}
{{- include "homelab.common.lib.overlay" (dict "base" $res "over" $k.resources "out" $ro) -}}
{{- $res = $ro.merged -}}
{{- range $key := list "requests" "limits" -}}
{{- if not (index $res $key) -}}{{- $_ := unset $res $key -}}{{- end -}}
{{- end -}}
{{- with $res -}}{{- $_ := set $ctr "resources" . -}}{{- end -}}

{{- /* securityContext: the secure default with the given keys laid on top */ -}}
{{- $sc := dict "allowPrivilegeEscalation" false "readOnlyRootFilesystem" true "capabilities" (dict "drop" (list "ALL")) "seccompProfile" (dict "type" "RuntimeDefault") -}}
{{- $so := dict -}}
{{- include "homelab.common.lib.overlay" (dict "base" $sc "over" $k.securityContext "out" $so) -}}
{{- /* capabilities given without drop still drop ALL: adding one never brings back the rest */ -}}
{{- $caps := (($k.securityContext | default dict).capabilities) -}}
{{- if and (kindIs "map" $caps) (not (hasKey $caps "drop")) -}}
{{- $_ := set $so.merged "capabilities" (merge (deepCopy $caps) (dict "drop" (list "ALL"))) -}}
{{- end -}}
{{- $_ := set $ctr "securityContext" $so.merged -}}

{{- $mo := dict -}}
{{- include "homelab.common.lib.volumeMounts" (dict "root" $root "cid" .cid "c" .c "id" .id "out" $mo) -}}
{{- with $mo.mounts -}}{{- $_ := set $ctr "volumeMounts" . -}}{{- end -}}
{{- $_ := set .out "container" $ctr -}}
{{- end -}}

{{/*
One probe. type: http | https | tcp | grpc | exec | custom (default tcp); `port` defaults to the
container's first port; `spec` holds the timing (or, for custom, the whole probe).
Call with (dict "probe" $p "ports" <container ports> "out" $out); sets $out.probe.
*/}}
{{- define "homelab.common.lib.probe" -}}
{{- $p := .probe -}}
{{- $type := lower (default "tcp" $p.type) -}}
{{- $port := $p.port -}}
{{- if and (kindIs "invalid" $port) .ports -}}{{- $port = (first .ports).name -}}{{- end -}}
{{- if and (kindIs "string" $port) (regexMatch "^[0-9]+$" (toString $port)) -}}{{- $port = atoi $port -}}{{- end -}}
{{- if or (kindIs "float64" $port) (kindIs "int64" $port) -}}{{- $port = int $port -}}{{- end -}}
{{- $probe := dict -}}
{{- if eq $type "custom" -}}
{{- $probe = deepCopy ($p.spec | default dict) -}}
{{- else -}}
{{- if or (eq $type "http") (eq $type "https") -}}
{{- $_ := set $probe "httpGet" (dict "path" (default "/" $p.path) "port" $port "scheme" (upper $type)) -}}
{{- else if eq $type "tcp" -}}
{{- $_ := set $probe "tcpSocket" (dict "port" $port) -}}
{{- else if eq $type "grpc" -}}
{{- $g := dict "port" $port -}}
{{- with $p.service -}}{{- $_ := set $g "service" . -}}{{- end -}}
{{- $_ := set $probe "grpc" $g -}}
{{- else if eq $type "exec" -}}
{{- $_ := set $probe "exec" (dict "command" (kindIs "string" $p.command | ternary (list $p.command) $p.command)) -}}
{{- end -}}
{{- range $key, $v := ($p.spec | default dict) -}}
{{- $_ := set $probe $key $v -}}
{{- end -}}
{{- end -}}
{{- $_ := set .out "probe" $probe -}}
{{- end -}}
