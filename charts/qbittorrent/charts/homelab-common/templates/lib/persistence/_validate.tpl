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
