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
