{{/*
Volumes and volume mounts from `persistence` (and a StatefulSet's volumeClaimTemplates).
A volume joins a controller's pod when it has globalMounts (every container of every controller)
or advancedMounts for that controller; with neither it is not mounted anywhere.
*/}}

{{/* Volume source of one persistence entry. Call with (dict "root" $ "id" $id "v" $entry "out" $out); sets $out.volume. */}}
{{- define "homelab.common.lib.volume" -}}
{{- $root := .root -}}
{{- $v := .v | default dict -}}
{{- $type := default "persistentVolumeClaim" $v.type -}}
{{- $vol := dict "name" .id -}}
{{- if eq $type "persistentVolumeClaim" -}}
{{- $claim := include "homelab.componentName" (dict "root" $root "id" .id) -}}
{{- with $v.existingClaim -}}{{- $claim = tpl (toString .) $root -}}{{- end -}}
{{- $_ := set $vol "persistentVolumeClaim" (dict "claimName" $claim) -}}
{{- else if eq $type "emptyDir" -}}
{{- $src := dict -}}
{{- with $v.medium -}}{{- $_ := set $src "medium" . -}}{{- end -}}
{{- with $v.sizeLimit -}}{{- $_ := set $src "sizeLimit" (toString .) -}}{{- end -}}
{{- $_ := set $vol "emptyDir" $src -}}
{{- else if or (eq $type "configMap") (eq $type "secret") -}}
{{- $isSecret := eq $type "secret" -}}
{{- $name := include "homelab.common.lib.refName" (dict "root" $root "ref" $v "nameDefine" ($isSecret | ternary "homelab.secretName" "homelab.configMapName")) -}}
{{- $src := dict ($isSecret | ternary "secretName" "name") $name -}}
{{- with $v.items -}}{{- $_ := set $src "items" . -}}{{- end -}}
{{- if not (kindIs "invalid" $v.defaultMode) -}}
{{- $mode := $v.defaultMode -}}
{{- if kindIs "string" $mode -}}{{- $mode = toDecimal $mode -}}{{- end -}}
{{- $_ := set $src "defaultMode" (int $mode) -}}
{{- end -}}
{{- if hasKey $v "optional" -}}{{- $_ := set $src "optional" $v.optional -}}{{- end -}}
{{- $_ := set $vol $type $src -}}
{{- else if eq $type "nfs" -}}
{{- $_ := set $vol "nfs" (dict "server" (tpl (toString $v.server) $root) "path" (tpl (toString $v.path) $root)) -}}
{{- else if eq $type "hostPath" -}}
{{- $src := dict "path" (toString $v.hostPath) -}}
{{- with $v.hostPathType -}}{{- $_ := set $src "type" . -}}{{- end -}}
{{- $_ := set $vol "hostPath" $src -}}
{{- else if eq $type "custom" -}}
{{- range $k, $s := ($v.volumeSpec | default dict) -}}{{- $_ := set $vol $k $s -}}{{- end -}}
{{- end -}}
{{- $_ := set .out "volume" $vol -}}
{{- end -}}

{{/* The volumes of one controller's pod, sorted by id. Call with (dict "root" $ "cid" $cid "out" $out); sets $out.volumes. */}}
{{- define "homelab.common.lib.volumes" -}}
{{- $root := .root -}}
{{- $cid := .cid -}}
{{- $volumes := list -}}
{{- $eo := dict -}}
{{- include "homelab.common.lib.enabledIds" (dict "map" $root.Values.persistence "out" $eo) -}}
{{- range $vid := $eo.ids -}}
{{- $v := index $root.Values.persistence $vid | default dict -}}
{{- if or $v.globalMounts (hasKey ($v.advancedMounts | default dict) $cid) -}}
{{- $vo := dict -}}
{{- include "homelab.common.lib.volume" (dict "root" $root "id" $vid "v" $v "out" $vo) -}}
{{- $volumes = append $volumes $vo.volume -}}
{{- end -}}
{{- end -}}
{{- $_ := set .out "volumes" $volumes -}}
{{- end -}}

{{/* One volumeMount. Call with (dict "name" $volumeName "mount" $m "out" $out); sets $out.mount. */}}
{{- define "homelab.common.lib.mount" -}}
{{- $m := .mount | default dict -}}
{{- $mount := dict "name" .name "mountPath" (toString $m.path) -}}
{{- with $m.subPath -}}{{- $_ := set $mount "subPath" (toString .) -}}{{- end -}}
{{- if hasKey $m "readOnly" -}}{{- if $m.readOnly -}}{{- $_ := set $mount "readOnly" true -}}{{- end -}}{{- end -}}
{{- with $m.mountPropagation -}}{{- $_ := set $mount "mountPropagation" . -}}{{- end -}}
{{- $_ := set .out "mount" $mount -}}
{{- end -}}

{{/*
The volumeMounts of one container: each enabled persistence entry's globalMounts and its
advancedMounts.<controller>.<container>, then the StatefulSet's volumeClaimTemplates (their
globalMounts and advancedMounts.<container>). Call with (dict "root" $ "cid" $cid "c" $controller
"id" $containerId "out" $out); sets $out.mounts.
*/}}
{{- define "homelab.common.lib.volumeMounts" -}}
{{- $root := .root -}}
{{- $cid := .cid -}}
{{- $id := .id -}}
{{- $mounts := list -}}
{{- $eo := dict -}}
{{- include "homelab.common.lib.enabledIds" (dict "map" $root.Values.persistence "out" $eo) -}}
{{- range $vid := $eo.ids -}}
{{- $v := index $root.Values.persistence $vid | default dict -}}
{{- $adv := dig $cid $id list ($v.advancedMounts | default dict) -}}
{{- range $m := concat ($v.globalMounts | default list) ($adv | default list) -}}
{{- $mo := dict -}}
{{- include "homelab.common.lib.mount" (dict "name" $vid "mount" $m "out" $mo) -}}
{{- $mounts = append $mounts $mo.mount -}}
{{- end -}}
{{- end -}}
{{- $c := .c | default dict -}}
{{- if eq (toString $c.type) "statefulset" -}}
{{- range $t := (dig "statefulset" "volumeClaimTemplates" list $c | default list) -}}
{{- if include "homelab.common.lib.enabled" $t -}}
{{- $adv := index ($t.advancedMounts | default dict) $id | default list -}}
{{- range $m := concat ($t.globalMounts | default list) $adv -}}
{{- $mo := dict -}}
{{- include "homelab.common.lib.mount" (dict "name" $t.name "mount" $m "out" $mo) -}}
{{- $mounts = append $mounts $mo.mount -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- $_ := set .out "mounts" $mounts -}}
{{- end -}}

{{/* Spec of a claim (a persistence entry or a volumeClaimTemplate). Call with (dict "root" $ "v" $entry "out" $out); sets $out.spec. */}}
{{- define "homelab.common.lib.claimSpec" -}}
{{- $v := .v | default dict -}}
{{- $spec := dict "accessModes" (list (default "ReadWriteOnce" $v.accessMode)) -}}
{{- $_ := set $spec "resources" (dict "requests" (dict "storage" (toString $v.size))) -}}
{{- $so := dict -}}
{{- include "homelab.common.lib.get" (dict "map" $v "key" "storageClass" "default" "local-path" "out" $so) -}}
{{- if eq (toString $so.value) "-" -}}
{{- $_ := set $spec "storageClassName" "" -}}
{{- else if $so.value -}}
{{- $_ := set $spec "storageClassName" (tpl (toString $so.value) .root) -}}
{{- end -}}
{{- with $v.volumeName -}}{{- $_ := set $spec "volumeName" . -}}{{- end -}}
{{- with $v.dataSourceRef -}}{{- $_ := set $spec "dataSourceRef" . -}}{{- end -}}
{{- $_ := set .out "spec" $spec -}}
{{- end -}}
