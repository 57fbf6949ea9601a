{{/*
Pod options: a key of controllers.<id>.pod replaces the same key of defaultPodOptions, which
replaces the built-in default. securityContext is the exception: its keys are laid one by one
over the secure default (built-in, then defaultPodOptions, then the controller's pod).
*/}}

{{/* One pod option. Call with (dict "root" $ "c" $controller "key" $key "default" $d "out" $out); sets $out.value. */}}
{{- define "homelab.common.lib.podOption" -}}
{{- $pod := .c.pod | default dict -}}
{{- $defaults := .root.Values.defaultPodOptions | default dict -}}
{{- $v := .default -}}
{{- if and (hasKey $pod .key) (not (kindIs "invalid" (index $pod .key))) -}}
{{- $v = index $pod .key -}}
{{- else if and (hasKey $defaults .key) (not (kindIs "invalid" (index $defaults .key))) -}}
{{- $v = index $defaults .key -}}
{{- end -}}
{{- $_ := set .out "value" $v -}}
{{- end -}}

{{/* The id of a controller's primary container: the enabled one with primary: true, else `main`, else the first enabled by id. Call with (dict "c" $controller "out" $out); sets $out.id. */}}
{{- define "homelab.common.lib.primaryContainerId" -}}
{{- $eo := dict -}}
{{- include "homelab.common.lib.enabledIds" (dict "map" .c.containers "out" $eo) -}}
{{- $primary := "" -}}
{{- range $id := $eo.ids -}}
{{- if and (not $primary) (index $.c.containers $id).primary -}}{{- $primary = $id -}}{{- end -}}
{{- end -}}
{{- if and (not $primary) (has "main" $eo.ids) -}}{{- $primary = "main" -}}{{- end -}}
{{- if and (not $primary) $eo.ids -}}{{- $primary = first $eo.ids -}}{{- end -}}
{{- $_ := set .out "id" $primary -}}
{{- end -}}

{{/*
Init container ids in start order: by `dependsOn` (ids that must come first), otherwise by id.
Call with (dict "map" $initContainers "out" $out); sets $out.ids, or $out.cycle (the ids left
when dependsOn has a cycle or names an unknown id).
*/}}
{{- define "homelab.common.lib.initContainerOrder" -}}
{{- $eo := dict -}}
{{- include "homelab.common.lib.enabledIds" (dict "map" .map "out" $eo) -}}
{{- $left := $eo.ids -}}
{{- $done := list -}}
{{- $m := .map -}}
{{- range $_i := $eo.ids -}}
{{- $next := "" -}}
{{- range $id := $left -}}
{{- if not $next -}}
{{- $deps := (index $m $id).dependsOn | default list -}}
{{- if kindIs "string" $deps -}}{{- $deps = list $deps -}}{{- end -}}
{{- $ready := true -}}
{{- range $d := $deps -}}{{- if not (has $d $done) -}}{{- $ready = false -}}{{- end -}}{{- end -}}
{{- if $ready -}}{{- $next = $id -}}{{- end -}}
{{- end -}}
{{- end -}}
{{- if $next -}}
{{- $done = append $done $next -}}
{{- $left = without $left $next -}}
{{- end -}}
{{- end -}}
{{- $_ := set .out "ids" $done -}}
{{- $_ := set .out "cycle" $left -}}
{{- end -}}

{{/*
Container ports from the Services whose controller is this one (sorted by Service id, then port
name; a port shared by two Services appears once; a port whose targetPort is a name is left to the
container port of that name). HTTP/HTTPS render as TCP.
Call with (dict "root" $ "cid" $cid "out" $out); sets $out.ports.
*/}}
{{- define "homelab.common.lib.servicePorts" -}}
{{- $root := .root -}}
{{- $ports := list -}}
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
{{- /* a targetPort given by name points at a container port declared in `ports` */ -}}
{{- if not (kindIs "string" $p.targetPort) -}}
{{- $number := $p.port -}}
{{- if not (kindIs "invalid" $p.targetPort) -}}{{- $number = $p.targetPort -}}{{- end -}}
{{- $protocol := upper (default "TCP" $p.protocol) -}}
{{- if has $protocol (list "HTTP" "HTTPS") -}}{{- $protocol = "TCP" -}}{{- end -}}
{{- if not (hasKey $seen $pname) -}}
{{- $_ := set $seen $pname true -}}
{{- $ports = append $ports (dict "name" $pname "containerPort" (int $number) "protocol" $protocol) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- $_ := set .out "ports" $ports -}}
{{- end -}}

{{/* Name of the ServiceAccount a controller's pods use. Call with (dict "root" $ "c" $controller). */}}
{{- define "homelab.common.lib.serviceAccountName" -}}
{{- $ref := .c.serviceAccount | default dict -}}
{{- if $ref.identifier -}}
{{- include "homelab.componentName" (dict "root" .root "id" $ref.identifier) -}}
{{- else if $ref.name -}}
{{- tpl (toString $ref.name) .root -}}
{{- else -}}
{{- if include "homelab.common.lib.hasEnabled" (dict "map" .root.Values.serviceAccount "id" "main") -}}{{- include "homelab.fullname" .root -}}{{- else -}}default{{- end -}}
{{- end -}}
{{- end -}}

{{/* The pod template of one controller. Call with (dict "root" $ "id" $id "c" $controller "out" $out); sets $out.template. */}}
{{- define "homelab.common.lib.podTemplate" -}}
{{- $root := .root -}}
{{- $id := .id -}}
{{- $c := .c -}}
{{- $type := default "deployment" $c.type -}}
{{- $opt := dict -}}
{{- $spec := dict -}}

{{- $_ := set $spec "serviceAccountName" (include "homelab.common.lib.serviceAccountName" (dict "root" $root "c" $c)) -}}
{{- range $key, $default := (dict "automountServiceAccountToken" false "enableServiceLinks" false) -}}
{{- include "homelab.common.lib.podOption" (dict "root" $root "c" $c "key" $key "default" $default "out" $opt) -}}
{{- $_ := set $spec $key $opt.value -}}
{{- end -}}

{{- /* securityContext: built-in secure default <- defaultPodOptions <- pod, key by key */ -}}
{{- $sc := dict "runAsNonRoot" true "runAsUser" 1000 "runAsGroup" 1000 "fsGroup" 1000 "fsGroupChangePolicy" "OnRootMismatch" "seccompProfile" (dict "type" "RuntimeDefault") -}}
{{- $mo := dict -}}
{{- include "homelab.common.lib.overlay" (dict "base" $sc "over" ($root.Values.defaultPodOptions | default dict).securityContext "out" $mo) -}}
{{- include "homelab.common.lib.overlay" (dict "base" $mo.merged "over" ($c.pod | default dict).securityContext "out" $mo) -}}
{{- $_ := set $spec "securityContext" $mo.merged -}}

{{- /* booleans that only appear when true */ -}}
{{- range $key := list "hostIPC" "hostNetwork" "hostPID" "shareProcessNamespace" -}}
{{- include "homelab.common.lib.podOption" (dict "root" $root "c" $c "key" $key "default" false "out" $opt) -}}
{{- if $opt.value -}}{{- $_ := set $spec $key true -}}{{- end -}}
{{- end -}}
{{- include "homelab.common.lib.podOption" (dict "root" $root "c" $c "key" "dnsPolicy" "default" "" "out" $opt) -}}
{{- if $opt.value -}}
{{- $_ := set $spec "dnsPolicy" $opt.value -}}
{{- else if $spec.hostNetwork -}}
{{- $_ := set $spec "dnsPolicy" "ClusterFirstWithHostNet" -}}
{{- end -}}

{{- /* options copied when set */ -}}
{{- range $key := list "dnsConfig" "hostAliases" "imagePullSecrets" "nodeSelector" "priorityClassName" "runtimeClassName" "schedulerName" "tolerations" -}}
{{- include "homelab.common.lib.podOption" (dict "root" $root "c" $c "key" $key "default" nil "out" $opt) -}}
{{- if $opt.value -}}{{- $_ := set $spec $key $opt.value -}}{{- end -}}
{{- end -}}
{{- include "homelab.common.lib.podOption" (dict "root" $root "c" $c "key" "terminationGracePeriodSeconds" "default" nil "out" $opt) -}}
{{- if not (kindIs "invalid" $opt.value) -}}{{- $_ := set $spec "terminationGracePeriodSeconds" (int64 $opt.value) -}}{{- end -}}
{{- /* affinity and topologySpreadConstraints pass through tpl (label selectors can name the release) */ -}}
{{- include "homelab.common.lib.podOption" (dict "root" $root "c" $c "key" "affinity" "default" nil "out" $opt) -}}
{{- with $opt.value -}}{{- $_ := set $spec "affinity" (tpl (toYaml .) $root | fromYaml) -}}{{- end -}}
{{- include "homelab.common.lib.podOption" (dict "root" $root "c" $c "key" "topologySpreadConstraints" "default" nil "out" $opt) -}}
{{- with $opt.value -}}{{- $_ := set $spec "topologySpreadConstraints" (tpl (toYaml .) $root | fromYamlArray) -}}{{- end -}}

{{- $restart := "" -}}
{{- if has $type (list "cronjob" "job") -}}{{- $restart = "Never" -}}{{- end -}}
{{- include "homelab.common.lib.podOption" (dict "root" $root "c" $c "key" "restartPolicy" "default" $restart "out" $opt) -}}
{{- with $opt.value -}}{{- $_ := set $spec "restartPolicy" . -}}{{- end -}}

{{- /* containers: the primary first, then the others by id */ -}}
{{- $po := dict -}}
{{- include "homelab.common.lib.primaryContainerId" (dict "c" $c "out" $po) -}}
{{- $sp := dict -}}
{{- include "homelab.common.lib.servicePorts" (dict "root" $root "cid" $id "out" $sp) -}}
{{- $eo := dict -}}
{{- include "homelab.common.lib.enabledIds" (dict "map" $c.containers "out" $eo) -}}
{{- $containers := list -}}
{{- $primaryName := "" -}}
{{- range $cid := prepend (without $eo.ids $po.id) $po.id -}}
{{- $isPrimary := eq $cid $po.id -}}
{{- $co := dict -}}
{{- include "homelab.common.lib.container" (dict "root" $root "cid" $id "c" $c "id" $cid "k" (index $c.containers $cid) "init" false "ports" ($isPrimary | ternary $sp.ports list) "out" $co) -}}
{{- if $isPrimary -}}{{- $primaryName = $co.container.name -}}{{- end -}}
{{- $containers = append $containers $co.container -}}
{{- end -}}
{{- $_ := set $spec "containers" $containers -}}
{{- $io := dict -}}
{{- include "homelab.common.lib.initContainerOrder" (dict "map" $c.initContainers "out" $io) -}}
{{- $inits := list -}}
{{- range $cid := $io.ids -}}
{{- $co := dict -}}
{{- include "homelab.common.lib.container" (dict "root" $root "cid" $id "c" $c "id" $cid "k" (index $c.initContainers $cid) "init" true "ports" list "out" $co) -}}
{{- $inits = append $inits $co.container -}}
{{- end -}}
{{- with $inits -}}{{- $_ := set $spec "initContainers" . -}}{{- end -}}
{{- $vo := dict -}}
{{- include "homelab.common.lib.volumes" (dict "root" $root "cid" $id "out" $vo) -}}
{{- with $vo.volumes -}}{{- $_ := set $spec "volumes" . -}}{{- end -}}

{{- /* metadata: selector labels win over the pod's own labels */ -}}
{{- $labels := dict -}}
{{- include "homelab.common.lib.podOption" (dict "root" $root "c" $c "key" "labels" "default" dict "out" $opt) -}}
{{- range $k, $v := $opt.value -}}{{- $_ := set $labels $k (tpl (toString $v) $root) -}}{{- end -}}
{{- range $k, $v := (include "homelab.componentSelectorLabels" (dict "root" $root "id" $id) | fromYaml) -}}
{{- $_ := set $labels $k (toString $v) -}}
{{- end -}}
{{- $annotations := dict -}}
{{- if $root.Values.configMaps -}}
{{- $_ := set $annotations "checksum/config" (toJson $root.Values.configMaps | sha256sum) -}}
{{- end -}}
{{- if gt (len $containers) 1 -}}
{{- $_ := set $annotations "kubectl.kubernetes.io/default-container" $primaryName -}}
{{- end -}}
{{- include "homelab.common.lib.podOption" (dict "root" $root "c" $c "key" "annotations" "default" dict "out" $opt) -}}
{{- range $k, $v := $opt.value -}}{{- $_ := set $annotations $k (tpl (toString $v) $root) -}}{{- end -}}
{{- $meta := dict "labels" $labels -}}
{{- with $annotations -}}{{- $_ := set $meta "annotations" . -}}{{- end -}}
{{- $_ := set .out "template" (dict "metadata" $meta "spec" $spec) -}}
{{- end -}}
