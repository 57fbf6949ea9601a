{{/*
Validation of the workload and storage values. Every failure reads
  <key path>: <problem>. Fix: <what to do>
and stops `helm template` / `helm install` before anything is applied.
*/}}

{{/* Fails the render. Call with (dict "path" $path "problem" $problem "fix" $fix). */}}
{{- define "homelab.common.lib.fail" -}}
{{- fail (printf "%s: %s. Fix: %s" .path .problem .fix) -}}
{{- end -}}

{{/* "true" when an enabled entry with this id exists in the map. Call with (dict "map" $m "id" $id). */}}
{{- define "homelab.common.lib.hasEnabled" -}}
{{- $m := .map | default dict -}}
{{- if and (kindIs "map" $m) (hasKey $m (toString .id)) (include "homelab.common.lib.enabled" (index $m (toString .id))) -}}true{{- end -}}
{{- end -}}

{{/* The first words of a fix naming the enabled ids of a map: "use one of: a, b" or "define <what>.<id> first". Call with (dict "map" $m "what" <key path of the map>). */}}
{{- define "homelab.common.lib.choices" -}}
{{- $o := dict -}}
{{- include "homelab.common.lib.enabledIds" (dict "map" .map "out" $o) -}}
{{- if $o.ids -}}use one of: {{ $o.ids | join ", " }}{{- else -}}define {{ .what }}.<id> first{{- end -}}
{{- end -}}

{{- define "homelab.common.validate" -}}
{{- include "homelab.common.validate.shapes" . -}}
{{- include "homelab.common.validate.persistence" . -}}
{{- include "homelab.common.validate.controllers" . -}}
{{- include "homelab.common.validate.configMaps" . -}}
{{- include "homelab.common.validate.secrets" . -}}
{{- include "homelab.common.validate.rbac" . -}}
{{- include "homelab.common.validate.rawResources" . -}}
{{- end -}}

{{/* Every id map is a map, and each entry a map of settings. */}}
{{- define "homelab.common.validate.shapes" -}}
{{- $rbac := .Values.rbac | default dict -}}
{{- if not (kindIs "map" $rbac) -}}
{{- include "homelab.common.lib.fail" (dict "path" "rbac" "problem" (printf "must be a map with roles and bindings, not %s" (kindOf $rbac)) "fix" "write rbac: { roles: {}, bindings: {} }") -}}
{{- end -}}
{{- $maps := dict "controllers" .Values.controllers "persistence" .Values.persistence "configMaps" .Values.configMaps "secrets" .Values.secrets "serviceAccount" .Values.serviceAccount "rbac.roles" $rbac.roles "rbac.bindings" $rbac.bindings "rawResources" .Values.rawResources -}}
{{- range $path, $m := $maps -}}
{{- if not (kindIs "invalid" $m) -}}
{{- if not (kindIs "map" $m) -}}
{{- include "homelab.common.lib.fail" (dict "path" $path "problem" (printf "must be a map of ids to settings, not %s" (kindOf $m)) "fix" (printf "write %s: { <id>: { ... } } (see VALUES.md)" $path)) -}}
{{- end -}}
{{- range $id, $e := $m -}}
{{- if not (or (kindIs "map" $e) (kindIs "invalid" $e)) -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s.%s" $path $id) "problem" (printf "must be a map of settings, not %s (%s is a map of ids)" (kindOf $e) $path) "fix" (printf "write %s.<id>: { ... } with the keys of VALUES.md" $path)) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- range $key := list "defaultPodOptions" -}}
{{- $v := index $.Values $key -}}
{{- if not (or (kindIs "invalid" $v) (kindIs "map" $v)) -}}
{{- include "homelab.common.lib.fail" (dict "path" $key "problem" (printf "must be a map of pod options, not %s" (kindOf $v)) "fix" "write defaultPodOptions: { <option>: <value> }") -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* controllers.<id>: type, strategy, schedule, containers, service account, restart policy, claim templates, ports. */}}
{{- define "homelab.common.validate.controllers" -}}
{{- $root := . -}}
{{- $eo := dict -}}
{{- include "homelab.common.lib.enabledIds" (dict "map" .Values.controllers "out" $eo) -}}
{{- range $id := $eo.ids -}}
{{- $c := index $root.Values.controllers $id | default dict -}}
{{- $path := printf "controllers.%s" $id -}}
{{- $type := default "deployment" $c.type -}}
{{- $types := list "deployment" "statefulset" "daemonset" "cronjob" "job" -}}
{{- if not (has $type $types) -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s.type" $path) "problem" (printf "unknown controller type %q" (toString $type)) "fix" (printf "use one of: %s" ($types | join ", "))) -}}
{{- end -}}
{{- with $c.strategy -}}
{{- $allowed := dict "deployment" (list "Recreate" "RollingUpdate") "statefulset" (list "RollingUpdate" "OnDelete") "daemonset" (list "RollingUpdate" "OnDelete") -}}
{{- if not (hasKey $allowed $type) -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s.strategy" $path) "problem" (printf "a %s has no update strategy" $type) "fix" "remove strategy") -}}
{{- else if not (has . (index $allowed $type)) -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s.strategy" $path) "problem" (printf "%q is not a %s strategy" (toString .) $type) "fix" (printf "use one of: %s" (index $allowed $type | join ", "))) -}}
{{- end -}}
{{- end -}}
{{- if and (eq $type "cronjob") (not (dig "schedule" "" ($c.cronjob | default dict))) -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s.cronjob.schedule" $path) "problem" "a cronjob needs a schedule" "fix" "set it to a cron expression, e.g. \"0 3 * * *\"") -}}
{{- end -}}
{{- $co := dict -}}
{{- include "homelab.common.lib.enabledIds" (dict "map" $c.containers "out" $co) -}}
{{- if not $co.ids -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s.containers" $path) "problem" "the controller has no enabled container" "fix" (printf "add %s.containers.main with an image, or set %s.enabled=false" $path $path)) -}}
{{- end -}}
{{- $primaries := list -}}
{{- range $cid := $co.ids -}}{{- if (index $c.containers $cid).primary -}}{{- $primaries = append $primaries $cid -}}{{- end -}}{{- end -}}
{{- if gt (len $primaries) 1 -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s.containers" $path) "problem" (printf "containers %s are all marked primary" ($primaries | join ", ")) "fix" "set primary: true on one container only") -}}
{{- end -}}
{{- with $c.serviceAccount -}}
{{- if and .identifier (not (include "homelab.common.lib.hasEnabled" (dict "map" $root.Values.serviceAccount "id" .identifier))) -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s.serviceAccount.identifier" $path) "problem" (printf "ServiceAccount %q is not defined (or not enabled) under serviceAccount" (toString .identifier)) "fix" (printf "%s, or name an existing ServiceAccount with serviceAccount.name" (include "homelab.common.lib.choices" (dict "map" $root.Values.serviceAccount "what" "serviceAccount")))) -}}
{{- end -}}
{{- end -}}
{{- $opt := dict -}}
{{- include "homelab.common.lib.podOption" (dict "root" $root "c" $c "key" "restartPolicy" "default" "" "out" $opt) -}}
{{- with $opt.value -}}
{{- $allowed := (has $type (list "cronjob" "job")) | ternary (list "OnFailure" "Never") (list "Always") -}}
{{- if not (has . $allowed) -}}
{{- $rpath := (hasKey ($c.pod | default dict) "restartPolicy") | ternary (printf "%s.pod.restartPolicy" $path) "defaultPodOptions.restartPolicy" -}}
{{- include "homelab.common.lib.fail" (dict "path" $rpath "problem" (printf "a %s's pods cannot use restartPolicy %q" $type (toString .)) "fix" (printf "use %s (set in %s.pod or defaultPodOptions)" ($allowed | join " or ") $path)) -}}
{{- end -}}
{{- end -}}
{{- if eq $type "statefulset" -}}
{{- $names := list -}}
{{- range $i, $t := (dig "statefulset" "volumeClaimTemplates" list $c | default list) -}}
{{- $tpath := printf "%s.statefulset.volumeClaimTemplates[%d]" $path $i -}}
{{- if not $t.name -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s.name" $tpath) "problem" "a claim template needs a name" "fix" "set name (it is also the volume name in mounts)") -}}
{{- end -}}
{{- if not $t.size -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s.size" $tpath) "problem" "a claim template needs a size" "fix" "set size, e.g. 5Gi") -}}
{{- end -}}
{{- if or (has $t.name $names) (hasKey ($root.Values.persistence | default dict) $t.name) -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s.name" $tpath) "problem" (printf "volume name %q is already used by another claim template or a persistence entry" $t.name) "fix" "give the claim template a unique name") -}}
{{- end -}}
{{- $names = append $names $t.name -}}
{{- include "homelab.common.validate.mounts" (dict "path" (printf "%s.globalMounts" $tpath) "mounts" $t.globalMounts) -}}
{{- range $ctr, $ms := ($t.advancedMounts | default dict) -}}
{{- if not (or (hasKey ($c.containers | default dict) $ctr) (hasKey ($c.initContainers | default dict) $ctr)) -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s.advancedMounts.%s" $tpath $ctr) "problem" (printf "controller %q has no container %q" $id $ctr) "fix" (printf "use one of its containers or initContainers: %s" (concat (keys ($c.containers | default dict)) (keys ($c.initContainers | default dict)) | sortAlpha | join ", "))) -}}
{{- end -}}
{{- include "homelab.common.validate.mounts" (dict "path" (printf "%s.advancedMounts.%s" $tpath $ctr) "mounts" $ms) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- /* initContainers: order */ -}}
{{- range $cid, $k := ($c.containers | default dict) -}}
{{- if and (include "homelab.common.lib.enabled" $k) $k.dependsOn -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s.containers.%s.dependsOn" $path $cid) "problem" "only init containers have a start order" "fix" "remove dependsOn (containers start together; use an init container or a native sidecar to go first)") -}}
{{- end -}}
{{- end -}}
{{- $io := dict -}}
{{- include "homelab.common.lib.initContainerOrder" (dict "map" $c.initContainers "out" $io) -}}
{{- range $cid := $io.cycle -}}
{{- $deps := (index $c.initContainers $cid).dependsOn -}}
{{- if kindIs "string" $deps -}}{{- $deps = list $deps -}}{{- end -}}
{{- range $d := $deps -}}
{{- if not (include "homelab.common.lib.hasEnabled" (dict "map" $c.initContainers "id" $d)) -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s.initContainers.%s.dependsOn" $path $cid) "problem" (printf "init container %q is not defined (or not enabled)" (toString $d)) "fix" (include "homelab.common.lib.choices" (dict "map" $c.initContainers "what" (printf "%s.initContainers" $path)))) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- with $io.cycle -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s.initContainers" $path) "problem" (printf "dependsOn forms a cycle between %s" (. | join ", ")) "fix" "remove one of the dependsOn entries so that some init container comes first") -}}
{{- end -}}
{{- /* each container */ -}}
{{- $ports := dict -}}
{{- $po := dict -}}
{{- include "homelab.common.lib.primaryContainerId" (dict "c" $c "out" $po) -}}
{{- $sp := dict -}}
{{- include "homelab.common.lib.servicePorts" (dict "root" $root "cid" $id "out" $sp) -}}
{{- range $p := $sp.ports -}}{{- $_ := set $ports $p.name (printf "the Services' port %q (on %s.containers.%s)" $p.name $path $po.id) -}}{{- end -}}
{{- range $group := list "containers" "initContainers" -}}
{{- $gi := dict -}}
{{- include "homelab.common.lib.enabledIds" (dict "map" (index $c $group) "out" $gi) -}}
{{- range $cid := $gi.ids -}}
{{- $k := index (index $c $group) $cid | default dict -}}
{{- $kpath := printf "%s.%s.%s" $path $group $cid -}}
{{- include "homelab.common.validate.container" (dict "root" $root "path" $kpath "cid" $id "c" $c "id" $cid "k" $k "init" (eq $group "initContainers") "primary" (and (eq $group "containers") (eq $cid $po.id)) "servicePorts" $sp.ports) -}}
{{- range $i, $p := ($k.ports | default list) -}}
{{- $ppath := printf "%s.ports[%d]" $kpath $i -}}
{{- if hasKey $ports (toString $p.name) -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s.name" $ppath) "problem" (printf "port name %q is already used by %s in the same pod" (toString $p.name) (index $ports (toString $p.name))) "fix" "give each port of a controller's containers its own name") -}}
{{- end -}}
{{- $_ := set $ports (toString $p.name) $ppath -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- include "homelab.common.validate.servicePorts" (dict "root" $root "cid" $id "containerPorts" (keys $ports)) -}}
{{- end -}}
{{- end -}}

{{/*
Ports of the Services selecting one controller become container ports by name: one name must
mean one port number and protocol; a targetPort given by name must name a container port.
Call with (dict "root" $ "cid" $controllerId "containerPorts" <names of the pod's ports>).
*/}}
{{- define "homelab.common.validate.servicePorts" -}}
{{- $root := .root -}}
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
{{- $path := printf "service.%s.ports.%s" $sid $pname -}}
{{- if kindIs "string" $p.targetPort -}}
{{- if not (has $p.targetPort $.containerPorts) -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s.targetPort" $path) "problem" (printf "controller %q has no container port named %q" $.cid $p.targetPort) "fix" (printf "declare it in a container's ports of controllers.%s, or give targetPort as a number" $.cid)) -}}
{{- end -}}
{{- else -}}
{{- $number := $p.port -}}
{{- if not (kindIs "invalid" $p.targetPort) -}}{{- $number = $p.targetPort -}}{{- end -}}
{{- $protocol := upper (default "TCP" $p.protocol) -}}
{{- if has $protocol (list "HTTP" "HTTPS") -}}{{- $protocol = "TCP" -}}{{- end -}}
{{- $key := printf "%v/%s" $number $protocol -}}
{{- if and (hasKey $seen $pname) (ne (index $seen $pname).key $key) -}}
{{- include "homelab.common.lib.fail" (dict "path" $path "problem" (printf "container port %q of controller %q would be %s here but %s in %s" $pname $.cid $key (index $seen $pname).key (index $seen $pname).path) "fix" "give the two ports different names, or the same number and protocol") -}}
{{- end -}}
{{- $_ := set $seen $pname (dict "key" $key "path" $path) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* A list of mounts: each a map with a path. Call with (dict "path" $path "mounts" $list). */}}
{{- define "homelab.common.validate.mounts" -}}
{{- $path := .path -}}
{{- if not (kindIs "invalid" .mounts) -}}
{{- if not (kindIs "slice" .mounts) -}}
{{- include "homelab.common.lib.fail" (dict "path" $path "problem" (printf "must be a list of mounts, not %s" (kindOf .mounts)) "fix" "write [ { path: /somewhere } ]") -}}
{{- end -}}
{{- range $i, $m := .mounts -}}
{{- if not (and (kindIs "map" $m) $m.path) -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s[%d].path" $path $i) "problem" "a mount needs a path" "fix" "set path to the directory in the container, e.g. /config") -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/*
One container or init container. Call with (dict "root" $ "path" $path "cid" $controllerId "c"
$controller "id" $containerId "k" $values "init" <bool> "primary" <bool> "servicePorts" $ports).
*/}}
{{- define "homelab.common.validate.container" -}}
{{- $root := .root -}}
{{- $path := .path -}}
{{- $k := .k -}}
{{- $image := $k.image | default dict -}}
{{- if not $image.repository -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s.image.repository" $path) "problem" "the container has no image" "fix" "set image.repository, e.g. ghcr.io/owner/app") -}}
{{- end -}}
{{- if not (toString (default "" $image.tag)) -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s.image.tag" $path) "problem" "the image has no tag" "fix" "pin image.tag to a released version (quoted, e.g. \"1.2.3\")") -}}
{{- else if eq (toString $image.tag) "latest" -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s.image.tag" $path) "problem" "the tag latest is not pinned" "fix" "pin image.tag to a released version (quoted, e.g. \"1.2.3\")") -}}
{{- end -}}
{{- $sidecar := false -}}
{{- if .init -}}
{{- with $k.restartPolicy -}}
{{- if ne . "Always" -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s.restartPolicy" $path) "problem" (printf "an init container's restartPolicy can only be Always (a native sidecar), not %q" (toString .)) "fix" "set restartPolicy: Always for a sidecar, or remove it") -}}
{{- end -}}
{{- $sidecar = true -}}
{{- if semverCompare "<1.29.0-0" $root.Capabilities.KubeVersion.Version -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s.restartPolicy" $path) "problem" (printf "native sidecars need Kubernetes 1.29 or later; this cluster is %s" $root.Capabilities.KubeVersion.Version) "fix" "upgrade the cluster, or move the sidecar to containers") -}}
{{- end -}}
{{- end -}}
{{- if not $sidecar -}}
{{- range $kind := list "liveness" "readiness" "startup" -}}
{{- $p := index ($k.probes | default dict) $kind -}}
{{- if and (hasKey ($k.probes | default dict) $kind) (include "homelab.common.lib.enabled" $p) -}}
{{- $p = $p | default dict -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s.probes.%s" $path $kind) "problem" "an init container that runs to completion cannot have probes" "fix" "remove the probe, or make it a native sidecar with restartPolicy: Always") -}}
{{- end -}}
{{- end -}}
{{- if $k.lifecycle -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s.lifecycle" $path) "problem" "an init container that runs to completion cannot have lifecycle hooks" "fix" "remove lifecycle, or make it a native sidecar with restartPolicy: Always") -}}
{{- end -}}
{{- end -}}
{{- else if $k.restartPolicy -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s.restartPolicy" $path) "problem" "only init containers take a restartPolicy (Always makes a native sidecar)" "fix" (printf "remove restartPolicy, or move the container to controllers.%s.initContainers with restartPolicy: Always" .cid)) -}}
{{- end -}}
{{- /* env */ -}}
{{- range $name, $v := ($k.env | default dict) -}}
{{- $epath := printf "%s.env.%s" $path $name -}}
{{- if kindIs "map" $v -}}
{{- if not (or (hasKey $v "value") (hasKey $v "valueFrom")) -}}
{{- include "homelab.common.lib.fail" (dict "path" $epath "problem" "an env entry given as a map needs value or valueFrom" "fix" (printf "write %s: \"text\", { value: \"text\" } or { valueFrom: { secretKeyRef: { identifier, key } } }" $name)) -}}
{{- end -}}
{{- range $refKind, $map := (dict "secretKeyRef" "secrets" "configMapKeyRef" "configMaps") -}}
{{- $r := dig "valueFrom" $refKind nil $v -}}
{{- if not (kindIs "invalid" $r) -}}
{{- include "homelab.common.validate.ref" (dict "root" $root "path" (printf "%s.valueFrom.%s" $epath $refKind) "ref" $r "map" $map) -}}
{{- if not $r.key -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s.valueFrom.%s.key" $epath $refKind) "problem" "the key to read is missing" "fix" "set key to the key inside the object") -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- else if not (or (kindIs "invalid" $v) (kindIs "string" $v) (kindIs "float64" $v) (kindIs "int64" $v) (kindIs "int" $v) (kindIs "bool" $v)) -}}
{{- include "homelab.common.lib.fail" (dict "path" $epath "problem" (printf "an env value must be text or a map, not %s" (kindOf $v)) "fix" "write the value as a string") -}}
{{- end -}}
{{- end -}}
{{- range $i, $src := ($k.envFrom | default list) -}}
{{- $fpath := printf "%s.envFrom[%d]" $path $i -}}
{{- $found := false -}}
{{- range $refKind, $map := (dict "secretRef" "secrets" "configMapRef" "configMaps") -}}
{{- if hasKey ($src | default dict) $refKind -}}
{{- $found = true -}}
{{- include "homelab.common.validate.ref" (dict "root" $root "path" (printf "%s.%s" $fpath $refKind) "ref" (index $src $refKind) "map" $map) -}}
{{- end -}}
{{- end -}}
{{- if not $found -}}
{{- include "homelab.common.lib.fail" (dict "path" $fpath "problem" "an envFrom entry needs secretRef or configMapRef" "fix" "write { secretRef: { identifier: <secrets id> } } or { configMapRef: { name: <existing> } }") -}}
{{- end -}}
{{- end -}}
{{- /* ports */ -}}
{{- range $i, $p := ($k.ports | default list) -}}
{{- $ppath := printf "%s.ports[%d]" $path $i -}}
{{- if not (and (kindIs "map" $p) $p.name $p.containerPort) -}}
{{- include "homelab.common.lib.fail" (dict "path" $ppath "problem" "a container port needs name and containerPort" "fix" "write { name: metrics, containerPort: 9090 }") -}}
{{- end -}}
{{- if gt (len (toString $p.name)) 15 -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s.name" $ppath) "problem" (printf "port name %q is longer than 15 characters" (toString $p.name)) "fix" "use a shorter name (Kubernetes allows at most 15)") -}}
{{- end -}}
{{- end -}}
{{- /* probes */ -}}
{{- $ports := concat (.primary | ternary .servicePorts list) ($k.ports | default list) -}}
{{- $types := list "http" "https" "tcp" "grpc" "exec" "custom" -}}
{{- range $kind := list "liveness" "readiness" "startup" -}}
{{- $p := index ($k.probes | default dict) $kind -}}
{{- if and (hasKey ($k.probes | default dict) $kind) (include "homelab.common.lib.enabled" $p) -}}
{{- $p = $p | default dict -}}
{{- $ppath := printf "%s.probes.%s" $path $kind -}}
{{- $type := lower (default "tcp" $p.type) -}}
{{- if not (has $type $types) -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s.type" $ppath) "problem" (printf "unknown probe type %q" (toString $p.type)) "fix" (printf "use one of: %s" ($types | join ", "))) -}}
{{- end -}}
{{- if and (eq $type "exec") (not $p.command) -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s.command" $ppath) "problem" "an exec probe needs a command" "fix" "set command, e.g. [cat, /tmp/healthy]") -}}
{{- end -}}
{{- if and (eq $type "custom") (not $p.spec) -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s.spec" $ppath) "problem" "a custom probe needs its whole probe in spec" "fix" "set spec to a Kubernetes probe (httpGet, exec, ... and timing)") -}}
{{- end -}}
{{- if and (has $type (list "http" "https" "tcp" "grpc")) (kindIs "invalid" $p.port) (not $ports) -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s.port" $ppath) "problem" (printf "this %s probe needs a port and the container has none" $type) "fix" "set port to a port name or number") -}}
{{- end -}}
{{- if and (eq $type "grpc") (not (kindIs "invalid" $p.port)) (not (regexMatch "^[0-9]+$" (toString $p.port))) -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s.port" $ppath) "problem" "a grpc probe needs a port number, not a name" "fix" "set port to the number") -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- /* securityContext */ -}}
{{- $sc := $k.securityContext | default dict -}}
{{- if and $sc.privileged (not $sc.allowPrivilegeEscalation) -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s.securityContext.privileged" $path) "problem" "a privileged container always allows privilege escalation, and the default allowPrivilegeEscalation is false" "fix" "set securityContext.allowPrivilegeEscalation: true as well (and say why in the definition)") -}}
{{- end -}}
{{- /* two volumes at one path */ -}}
{{- $mo := dict -}}
{{- include "homelab.common.lib.volumeMounts" (dict "root" $root "cid" .cid "c" .c "id" .id "out" $mo) -}}
{{- $seen := dict -}}
{{- range $m := $mo.mounts -}}
{{- if hasKey $seen $m.mountPath -}}
{{- include "homelab.common.lib.fail" (dict "path" $path "problem" (printf "volumes %q and %q are both mounted at %s" (index $seen $m.mountPath) $m.name $m.mountPath) "fix" "mount one of them elsewhere (or use subPath)") -}}
{{- end -}}
{{- $_ := set $seen $m.mountPath $m.name -}}
{{- end -}}
{{- end -}}

{{/* A reference { identifier | name } to a chart secret or configMap. Call with (dict "root" $ "path" $path "ref" $ref "map" "secrets"|"configMaps"). */}}
{{- define "homelab.common.validate.ref" -}}
{{- $r := .ref | default dict -}}
{{- $m := index .root.Values .map -}}
{{- if $r.identifier -}}
{{- if not (include "homelab.common.lib.hasEnabled" (dict "map" $m "id" $r.identifier)) -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s.identifier" .path) "problem" (printf "%q is not defined (or not enabled) under %s" (toString $r.identifier) .map) "fix" (printf "%s, or name an existing object with name" (include "homelab.common.lib.choices" (dict "map" $m "what" .map)))) -}}
{{- end -}}
{{- else if not $r.name -}}
{{- include "homelab.common.lib.fail" (dict "path" .path "problem" "the reference names nothing" "fix" (printf "set identifier (an id under %s) or name (an existing object)" .map)) -}}
{{- end -}}
{{- end -}}

{{/* persistence.<id>: type and its required keys, references, mounts. */}}
{{- define "homelab.common.validate.persistence" -}}
{{- $root := . -}}
{{- $eo := dict -}}
{{- include "homelab.common.lib.enabledIds" (dict "map" .Values.persistence "out" $eo) -}}
{{- $types := list "persistentVolumeClaim" "emptyDir" "configMap" "secret" "nfs" "hostPath" "custom" -}}
{{- range $id := $eo.ids -}}
{{- $v := index $root.Values.persistence $id | default dict -}}
{{- $path := printf "persistence.%s" $id -}}
{{- $type := default "persistentVolumeClaim" $v.type -}}
{{- if not (has $type $types) -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s.type" $path) "problem" (printf "unknown volume type %q" (toString $type)) "fix" (printf "use one of: %s" ($types | join ", "))) -}}
{{- end -}}
{{- if and (eq $type "persistentVolumeClaim") (not $v.existingClaim) (not $v.size) -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s.size" $path) "problem" "a new claim needs a size" "fix" "set size (e.g. 5Gi), or existingClaim to use a claim that exists") -}}
{{- end -}}
{{- if eq $type "nfs" -}}
{{- range $key := list "server" "path" -}}
{{- if not (index $v $key) -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s.%s" $path $key) "problem" (printf "an nfs volume needs its %s" $key) "fix" (printf "set %s (server: the NFS host, path: the exported directory)" $key)) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- if and (eq $type "hostPath") (not $v.hostPath) -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s.hostPath" $path) "problem" "a hostPath volume needs the node's path" "fix" "set hostPath, e.g. /dev/dri") -}}
{{- end -}}
{{- if and (eq $type "custom") (not $v.volumeSpec) -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s.volumeSpec" $path) "problem" "a custom volume needs its volume source" "fix" "set volumeSpec, e.g. { csi: { driver: ... } }") -}}
{{- end -}}
{{- if has $type (list "configMap" "secret") -}}
{{- include "homelab.common.validate.ref" (dict "root" $root "path" $path "ref" $v "map" (eq $type "secret" | ternary "secrets" "configMaps")) -}}
{{- end -}}
{{- include "homelab.common.validate.mounts" (dict "path" (printf "%s.globalMounts" $path) "mounts" $v.globalMounts) -}}
{{- if not (kindIs "invalid" $v.advancedMounts) -}}
{{- if not (kindIs "map" $v.advancedMounts) -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s.advancedMounts" $path) "problem" "must be a map of controller ids to container ids to mounts" "fix" "write advancedMounts: { <controller>: { <container>: [ { path: /data } ] } }") -}}
{{- end -}}
{{- range $cid, $byContainer := $v.advancedMounts -}}
{{- $apath := printf "%s.advancedMounts.%s" $path $cid -}}
{{- if not (hasKey ($root.Values.controllers | default dict) $cid) -}}
{{- include "homelab.common.lib.fail" (dict "path" $apath "problem" (printf "controller %q is not defined" $cid) "fix" (printf "use one of: %s" (keys ($root.Values.controllers | default dict) | sortAlpha | join ", "))) -}}
{{- end -}}
{{- if not (kindIs "map" $byContainer) -}}
{{- include "homelab.common.lib.fail" (dict "path" $apath "problem" "must be a map of container ids to mounts" "fix" (printf "write %s: { <container>: [ { path: /data } ] }" $apath)) -}}
{{- end -}}
{{- $c := index $root.Values.controllers $cid | default dict -}}
{{- range $ctr, $ms := $byContainer -}}
{{- if not (or (hasKey ($c.containers | default dict) $ctr) (hasKey ($c.initContainers | default dict) $ctr)) -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s.%s" $apath $ctr) "problem" (printf "controller %q has no container %q" $cid $ctr) "fix" (printf "use one of its containers or initContainers: %s" (concat (keys ($c.containers | default dict)) (keys ($c.initContainers | default dict)) | sortAlpha | join ", "))) -}}
{{- end -}}
{{- include "homelab.common.validate.mounts" (dict "path" (printf "%s.%s" $apath $ctr) "mounts" $ms) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* configMaps.<id>.data values are text. */}}
{{- define "homelab.common.validate.configMaps" -}}
{{- range $id, $v := (.Values.configMaps | default dict) -}}
{{- range $key, $s := (($v | default dict).data | default dict) -}}
{{- if or (kindIs "map" $s) (kindIs "slice" $s) -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "configMaps.%s.data.%s" $id $key) "problem" (printf "a ConfigMap value must be text, not %s" (kindOf $s)) "fix" "write the file content as a string (a YAML block scalar: |)") -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* secrets.<id>: generated keys have a length and are not also given in stringData. */}}
{{- define "homelab.common.validate.secrets" -}}
{{- range $id, $v := (.Values.secrets | default dict) -}}
{{- $v = $v | default dict -}}
{{- range $key, $g := ($v.generate | default dict) -}}
{{- $gpath := printf "secrets.%s.generate.%s" $id $key -}}
{{- if hasKey ($v.stringData | default dict) $key -}}
{{- include "homelab.common.lib.fail" (dict "path" $gpath "problem" (printf "key %q is both generated and given in stringData" $key) "fix" (printf "remove it from secrets.%s.stringData or from generate" $id)) -}}
{{- end -}}
{{- $length := dig "length" 32 ($g | default dict) -}}
{{- if not (and (regexMatch "^[0-9]+$" (toString $length)) (gt (int $length) 0)) -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s.length" $gpath) "problem" (printf "length %v is not a positive whole number" $length) "fix" "set length to the number of characters, e.g. 32") -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* rbac: role and binding types, references to chart roles and ServiceAccounts. */}}
{{- define "homelab.common.validate.rbac" -}}
{{- $root := . -}}
{{- $rbac := .Values.rbac | default dict -}}
{{- $eo := dict -}}
{{- include "homelab.common.lib.enabledIds" (dict "map" $rbac.roles "out" $eo) -}}
{{- range $id := $eo.ids -}}
{{- $type := default "Role" (index $rbac.roles $id | default dict).type -}}
{{- if not (has $type (list "Role" "ClusterRole")) -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "rbac.roles.%s.type" $id) "problem" (printf "unknown role type %q" (toString $type)) "fix" "use Role or ClusterRole") -}}
{{- end -}}
{{- end -}}
{{- include "homelab.common.lib.enabledIds" (dict "map" $rbac.bindings "out" $eo) -}}
{{- range $id := $eo.ids -}}
{{- $b := index $rbac.bindings $id | default dict -}}
{{- $path := printf "rbac.bindings.%s" $id -}}
{{- $type := default "RoleBinding" $b.type -}}
{{- if not (has $type (list "RoleBinding" "ClusterRoleBinding")) -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s.type" $path) "problem" (printf "unknown binding type %q" (toString $type)) "fix" "use RoleBinding or ClusterRoleBinding") -}}
{{- end -}}
{{- $ref := $b.roleRef | default dict -}}
{{- $kind := $ref.kind -}}
{{- if $ref.identifier -}}
{{- if not (include "homelab.common.lib.hasEnabled" (dict "map" $rbac.roles "id" $ref.identifier)) -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s.roleRef.identifier" $path) "problem" (printf "role %q is not defined (or not enabled) under rbac.roles" (toString $ref.identifier)) "fix" (printf "%s, or name an existing role with roleRef.name and roleRef.kind" (include "homelab.common.lib.choices" (dict "map" $rbac.roles "what" "rbac.roles")))) -}}
{{- end -}}
{{- $kind = default "Role" (index $rbac.roles $ref.identifier).type -}}
{{- else if not $ref.name -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s.roleRef" $path) "problem" "the binding names no role" "fix" "set roleRef.identifier (an id under rbac.roles) or roleRef.name and roleRef.kind") -}}
{{- end -}}
{{- if and (eq $type "ClusterRoleBinding") (eq (toString $kind) "Role") -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s.roleRef" $path) "problem" "a ClusterRoleBinding can only bind a ClusterRole" "fix" "make the role a ClusterRole, or the binding a RoleBinding") -}}
{{- end -}}
{{- range $i, $s := ($b.subjects | default list) -}}
{{- $spath := printf "%s.subjects[%d]" $path $i -}}
{{- if $s.identifier -}}
{{- if not (include "homelab.common.lib.hasEnabled" (dict "map" $root.Values.serviceAccount "id" $s.identifier)) -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "%s.identifier" $spath) "problem" (printf "ServiceAccount %q is not defined (or not enabled) under serviceAccount" (toString $s.identifier)) "fix" (printf "%s, or give kind, name and namespace" (include "homelab.common.lib.choices" (dict "map" $root.Values.serviceAccount "what" "serviceAccount")))) -}}
{{- end -}}
{{- else if not $s.name -}}
{{- include "homelab.common.lib.fail" (dict "path" $spath "problem" "the subject names nobody" "fix" "set identifier (an id under serviceAccount) or kind and name") -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* rawResources.<id> need apiVersion and kind. */}}
{{- define "homelab.common.validate.rawResources" -}}
{{- $eo := dict -}}
{{- include "homelab.common.lib.enabledIds" (dict "map" .Values.rawResources "out" $eo) -}}
{{- range $id := $eo.ids -}}
{{- $v := index $.Values.rawResources $id | default dict -}}
{{- range $key := list "apiVersion" "kind" -}}
{{- if not (index $v $key) -}}
{{- include "homelab.common.lib.fail" (dict "path" (printf "rawResources.%s.%s" $id $key) "problem" (printf "a raw resource needs its %s" $key) "fix" (printf "set %s (e.g. apiVersion: v1, kind: ConfigMap)" $key)) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
