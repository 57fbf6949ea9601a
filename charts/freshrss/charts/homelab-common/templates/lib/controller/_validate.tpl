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
