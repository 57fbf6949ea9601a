#!/usr/bin/env bash
# Installs the real tools the tests and the sandbox drive: helm (3) and helm4, helm-unittest, ct
# (+ yamllint, yamale), etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kwok, k3s's
# helm-controller, local-path-provisioner, ... Pinned in versions.env, built from the Go module
# proxy / PyPI / Debian, cached in $HOMELAB_TOOLS_DIR (default ~/.cache/homelab/tools) so a
# second run does nothing. What each entry point needs is listed once, in tool-sets.txt.
#
# Usage: tooling/tools/install.sh [--quiet] [--set NAME] [tool ...]
#   --set NAME   the tools of one set of tool-sets.txt: sandbox, hosts, charts, bench, tests
#   tool ...     these tools (names as in tool-sets.txt); default: every tool (the tests set)
# Prints the bin directory to put on PATH as its last line.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=versions.env
source "$here/versions.env"

cache="${HOMELAB_TOOLS_DIR:-$HOME/.cache/homelab/tools}"
bin="$cache/bin"
mkdir -p "$bin" "$cache/logs"
export GOFLAGS="${GOFLAGS:--trimpath}"
export GOTOOLCHAIN=local

# tool-sets.txt: "tool minutes set..." per line. known_tools in its order; minutes_of TOOL.
sets_file="$here/tool-sets.txt"
read -r -a known_tools <<<"$(awk '{ sub(/#.*/, "") } NF { printf "%s ", $1 }' "$sets_file")"
set_tools() { awk -v set="$1" '{ sub(/#.*/, "") } NF { for (i = 3; i <= NF; i++) if ($i == set) print $1 }' "$sets_file"; }
minutes_of() { awk -v t="$1" '{ sub(/#.*/, "") } NF && $1 == t { print $2 }' "$sets_file"; }

quiet=0
tools=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quiet) quiet=1 ;;
    --set)
      [ $# -ge 2 ] || { echo "install-tools: --set needs a set name (see $sets_file)" >&2; exit 2; }
      mapfile -t from_set < <(set_tools "$2")
      [ ${#from_set[@]} -gt 0 ] || { echo "install-tools: no set '$2' in $sets_file" >&2; exit 2; }
      tools+=("${from_set[@]}"); shift ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) tools+=("$1") ;;
  esac
  shift
done
[ ${#tools[@]} -gt 0 ] || tools=("${known_tools[@]}")
for t in "${tools[@]}"; do
  [[ " ${known_tools[*]} " == *" $t "* ]] || { echo "install-tools: unknown tool '$t' (known: ${known_tools[*]})" >&2; exit 2; }
done

said=0 # set once anything was installed: a run with nothing to do prints only the bin path
# step: "3/8 kube-apiserver, about 8 min on 2 cores", set before each tool is installed.
step=""
say() { said=1; [ "$quiet" = 1 ] || echo "install-tools: ${step:+$step: }$*" >&2; }
fail() { echo "install-tools: $*" >&2; exit 1; }

# One run at a time: a concurrent run waits here instead of building the same tool twice
# (and then finds everything cached). The lock is released when this shell exits.
command -v flock >/dev/null || fail "flock is not on PATH; install util-linux"
exec 9>"$cache/.lock"
if ! flock -n 9; then
  say "another install.sh run holds $cache/.lock; waiting for it"
  flock 9
fi
command -v go >/dev/null || fail "go is not on PATH; install Go >= 1.24 first"

# run_logged NAME CMD...: runs CMD with output in logs/NAME.log, shows the log tail on failure.
run_logged() {
  local name="$1"; shift
  local log="$cache/logs/$name.log"
  if ! "$@" </dev/null >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    fail "building $name failed (full log: $log)"
  fi
}

# have NAME VERSION: true when bin/NAME was built for VERSION already.
have() { [ -x "$bin/$1" ] && [ "$(cat "$cache/$1.version" 2>/dev/null)" = "$2" ]; }
mark() { echo "$2" >"$cache/$1.version"; }

# go_install NAME PKG VERSION [STAMP [LDFLAGS]]: `go install PKG@VERSION` into bin/NAME.
go_install() {
  local name="$1" pkg="$2" version="$3" stamp="${4:-$3}" ldflags="${5:-}"
  have "$name" "$stamp" && return 0
  say "building $name $version (go install $pkg@$version)"
  run_logged "$name" env GOBIN="$cache/gobin-$name" go install -ldflags "$ldflags" "$pkg@$version"
  install -m 0755 "$cache/gobin-$name/$(basename "$pkg")" "$bin/$name"
  mark "$name" "$stamp"
}

# module_dir MODULE@VERSION: the module's directory in the Go module cache (downloads it).
module_dir() { go mod download -json "$1" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p'; }

install_helm() {
  # As Helm's Makefile does: stamp the version and the Kubernetes version of its
  # client libraries, which `helm template` and `helm lint` assume for kubeVersion.
  local dir minor
  dir="$(module_dir "helm.sh/helm/v3@$HELM_VERSION")"
  minor="$(sed -n 's#^[[:space:]]*k8s.io/client-go v0\.\([0-9]*\)\..*#\1#p' "$dir/go.mod" | head -n 1)"
  [ -n "$minor" ] || fail "cannot read the client-go version of helm $HELM_VERSION"
  local x="-X helm.sh/helm/v3"
  go_install helm helm.sh/helm/v3/cmd/helm "$HELM_VERSION" "$HELM_VERSION-k8s1.$minor" \
    "-s -w $x/internal/version.version=$HELM_VERSION $x/internal/version.gitTreeState=clean \
     $x/pkg/lint/rules.k8sVersionMajor=1 $x/pkg/lint/rules.k8sVersionMinor=$minor \
     $x/pkg/chartutil.k8sVersionMajor=1 $x/pkg/chartutil.k8sVersionMinor=$minor"
}

# The check's renderer (tooling/helm-render): helm's own packages at HELM_VERSION, stamped as
# install_helm stamps helm so its Capabilities match; rebuilt when its sources change.
install_helm_render() {
  local src="$here/../helm-render" dir minor hash
  dir="$(module_dir "helm.sh/helm/v3@$HELM_VERSION")"
  minor="$(sed -n 's#^[[:space:]]*k8s.io/client-go v0\.\([0-9]*\)\..*#\1#p' "$dir/go.mod" | head -n 1)"
  [ -n "$minor" ] || fail "cannot read the client-go version of helm $HELM_VERSION"
  grep -Eq "^(require)?[[:space:]]+helm\.sh/helm/v3 $HELM_VERSION\$" "$src/go.mod" ||
    fail "$src/go.mod does not require helm.sh/helm/v3 $HELM_VERSION (versions.env): update it with go get and go mod tidy"
  hash="$(cd "$src" && cat go.mod go.sum $(LC_ALL=C ls -- *.go) | sha256sum | cut -c1-12)"
  local stamp="$HELM_VERSION-k8s1.$minor-src$hash"
  have helm-render "$stamp" && return 0
  say "building helm-render on helm $HELM_VERSION (tooling/helm-render)"
  local x="-X helm.sh/helm/v3"
  (cd "$src" && run_logged helm-render go build -buildvcs=false -ldflags "-s -w \
    $x/internal/version.version=$HELM_VERSION $x/internal/version.gitTreeState=clean \
    $x/pkg/chartutil.k8sVersionMajor=1 $x/pkg/chartutil.k8sVersionMinor=$minor" \
    -o "$bin/helm-render" .)
  mark helm-render "$stamp"
}

# go_build_pinned NAME MODULE VERSION PKG: builds PKG from MODULE@VERSION in a generated
# module (for modules whose version list the proxy does not serve, so `go install
# pkg@version` cannot check deprecations).
go_build_pinned() {
  local name="$1" module="$2" version="$3" pkg="$4"
  have "$name" "$version" && return 0
  say "building $name $version ($pkg from $module@$version)"
  local mod="$cache/src/$name-$version"
  rm -rf "$mod" && mkdir -p "$mod"
  printf 'module homelab.local/%s\n\ngo 1.24\n\nrequire %s %s\n' "$name" "$module" "$version" >"$mod/go.mod"
  printf '//go:build tools\n\npackage tools\n\nimport _ "%s"\n' "$pkg" >"$mod/tools.go"
  (cd "$mod" && run_logged "$name-mod" go mod tidy)
  build_in_module "$name" "$version" "$mod" "$pkg"
}

install_helm4() {
  # Helm 4 derives the Kubernetes version it assumes from the client-go version in its build
  # info (kept by `go install`), so only the Helm version is stamped, as its Makefile does.
  local dir minor
  dir="$(module_dir "helm.sh/helm/v4@$HELM4_VERSION")"
  minor="$(sed -n 's#^[[:space:]]*k8s.io/client-go v0\.\([0-9]*\)\..*#\1#p' "$dir/go.mod" | head -n 1)"
  [ -n "$minor" ] || fail "cannot read the client-go version of helm $HELM4_VERSION"
  local x="-X helm.sh/helm/v4/internal/version"
  go_install helm4 helm.sh/helm/v4/cmd/helm "$HELM4_VERSION" "$HELM4_VERSION-k8s1.$minor" \
    "-s -w $x.version=$HELM4_VERSION $x.gitTreeState=clean"
}

install_helm_unittest() {
  # Normally a helm plugin; here a standalone binary (it renders with the helm v3 library it
  # links, not with bin/helm). `go install` refuses the module (its go.mod has a replace
  # directive), so it is built inside its own downloaded module with that go.mod and go.sum.
  # Stamped as helm's releases stamp helm: the library's Kubernetes version (from its
  # client-go) is the default Capabilities.KubeVersion, not helm's unstamped v1.20.
  local dir hdir minor
  dir="$(module_dir "github.com/helm-unittest/helm-unittest@$HELM_UNITTEST_VERSION")"
  [ -n "$dir" ] || fail "could not download helm-unittest $HELM_UNITTEST_VERSION from the Go module proxy"
  local hv
  hv="$(sed -n 's#^[[:space:]]*helm.sh/helm/v3 \(v[^ ]*\).*#\1#p' "$dir/go.mod" | head -n 1)"
  [ -n "$hv" ] || fail "cannot read the helm version helm-unittest $HELM_UNITTEST_VERSION links"
  hdir="$(module_dir "helm.sh/helm/v3@$hv")"
  minor="$(sed -n 's#^[[:space:]]*k8s.io/client-go v0\.\([0-9]*\)\..*#\1#p' "$hdir/go.mod" | head -n 1)"
  [ -n "$minor" ] || fail "cannot read the client-go version of helm $hv"
  local stamp="$HELM_UNITTEST_VERSION-helm$hv-k8s1.$minor"
  have helm-unittest "$stamp" && return 0
  say "building helm-unittest $HELM_UNITTEST_VERSION (./cmd/helm-unittest in its module)"
  local x="-X helm.sh/helm/v3/pkg"
  (cd "$dir" && run_logged helm-unittest go build -ldflags "-s -w \
    -X github.com/helm-unittest/helm-unittest/internal/build.version=${HELM_UNITTEST_VERSION#v} \
    $x/lint/rules.k8sVersionMajor=1 $x/lint/rules.k8sVersionMinor=$minor \
    $x/chartutil.k8sVersionMajor=1 $x/chartutil.k8sVersionMinor=$minor" \
    -o "$bin/helm-unittest" ./cmd/helm-unittest)
  mark helm-unittest "$stamp"
}

install_ct() {
  go_build_pinned ct github.com/helm/chart-testing/v3 "$CT_VERSION" github.com/helm/chart-testing/v3/ct
  # ct's own Chart.yaml schema, from the same pinned module.
  mkdir -p "$cache/share/ct"
  cp -f "$(module_dir "github.com/helm/chart-testing/v3@$CT_VERSION")/etc/chart_schema.yaml" "$cache/share/ct/chart_schema.yaml"
  chmod 0644 "$cache/share/ct/chart_schema.yaml"
  local stamp="yamllint-$YAMLLINT_VERSION yamale-$YAMALE_VERSION"
  if ! have yamllint "$stamp"; then
    say "installing yamllint $YAMLLINT_VERSION and yamale $YAMALE_VERSION (pip, venv)"
    run_logged pyvenv python3 -m venv "$cache/venv"
    run_logged pip "$cache/venv/bin/pip" install --quiet "yamllint==$YAMLLINT_VERSION" "yamale==$YAMALE_VERSION"
    ln -sf "$cache/venv/bin/yamllint" "$bin/yamllint"
    ln -sf "$cache/venv/bin/yamale" "$bin/yamale"
    mark yamllint "$stamp"
  fi
}

install_helm_controller() {
  go_install helm-controller github.com/k3s-io/helm-controller "$HELM_CONTROLLER_VERSION"
  # The CRDs helm-controller serves, from the same pinned module.
  local dir
  dir="$(module_dir "github.com/k3s-io/helm-controller@$HELM_CONTROLLER_VERSION")"
  mkdir -p "$cache/share/helm-controller"
  cp -f "$dir"/manifests/*.yaml "$cache/share/helm-controller/" 2>/dev/null || true
  [ -d "$dir/pkg/crds" ] && cp -rf "$dir/pkg/crds" "$cache/share/helm-controller/" || true
}

# build_in_module NAME VERSION MODDIR PKG [LDFLAGS]: `go build PKG` inside a generated module.
build_in_module() {
  local name="$1" version="$2" moddir="$3" pkg="$4" ldflags="${5:-}"
  (cd "$moddir" && run_logged "$name" go build -ldflags "$ldflags" -o "$bin/$name" "$pkg")
  mark "$name" "$version"
}

install_etcd() {
  have etcd "$ETCD_VERSION" && return 0
  say "building etcd $ETCD_VERSION (go.etcd.io/etcd/server/v3/etcdmain)"
  local mod="$cache/src/etcd-$ETCD_VERSION"
  rm -rf "$mod" && mkdir -p "$mod"
  cat >"$mod/main.go" <<'EOF'
// The etcd server, built from its module: the same entry point as the etcd binary.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }
EOF
  (cd "$mod" && run_logged etcd-mod sh -c "go mod init homelab.local/etcd && go get go.etcd.io/etcd/server/v3@$ETCD_VERSION && go mod tidy")
  build_in_module etcd "$ETCD_VERSION" "$mod" .
}

# install_kubernetes NAME...: the Kubernetes components NAME (kube-apiserver,
# kube-controller-manager, kube-scheduler) from k8s.io/kubernetes@KUBERNETES_VERSION, all from one
# generated module (one `go mod tidy`), each stamped as Kubernetes' own build does so clients (and
# helm's kubeVersion checks) see the real version. Only the missing ones are built.
install_kubernetes() {
  local stamp="$KUBERNETES_VERSION-stamped" name missing=()
  for name in "$@"; do have "$name" "$stamp" || missing+=("$name"); done
  [ ${#missing[@]} -gt 0 ] || return 0
  say "building ${missing[*]} $KUBERNETES_VERSION (k8s.io/kubernetes; takes several minutes each)"
  local mod="$cache/src/kubernetes-$KUBERNETES_VERSION"
  local staging="v0.${KUBERNETES_VERSION#v1.}" ldflags=""
  rm -rf "$mod" && mkdir -p "$mod"
  local kdir
  kdir="$(module_dir "k8s.io/kubernetes@$KUBERNETES_VERSION")"
  [ -n "$kdir" ] || fail "could not download k8s.io/kubernetes@$KUBERNETES_VERSION from the Go module proxy"
  {
    echo "module homelab.local/kubernetes"
    echo
    sed -n 's/^go \(.*\)$/go \1/p' "$kdir/go.mod" | head -n 1
    echo
    echo "require k8s.io/kubernetes $KUBERNETES_VERSION"
    echo
    echo "replace ("
    # k8s.io/kubernetes replaces its staging modules with local paths; use the published ones.
    sed -n 's#^[[:space:]]*\(k8s.io/[a-z0-9-]*\) => ./staging/.*#\t\1 => \1 '"$staging"'#p' "$kdir/go.mod"
    echo ")"
  } >"$mod/go.mod"
  {
    printf '//go:build tools\n\npackage tools\n\nimport (\n'
    for name in kube-apiserver kube-controller-manager kube-scheduler; do
      printf '\t_ "k8s.io/kubernetes/cmd/%s"\n' "$name"
    done
    printf ')\n'
  } >"$mod/tools.go"
  (cd "$mod" && run_logged kubernetes-mod go mod tidy)
  local minor="${KUBERNETES_VERSION#v1.}"; minor="${minor%%.*}"
  local v
  for v in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ldflags+=" -X $v.gitVersion=$KUBERNETES_VERSION -X $v.gitMajor=1 -X $v.gitMinor=$minor"
    ldflags+=" -X $v.gitTreeState=clean -X $v.buildDate=1970-01-01T00:00:00Z"
  done
  for name in "${missing[@]}"; do
    build_in_module "$name" "$stamp" "$mod" "k8s.io/kubernetes/cmd/$name" "-s -w$ldflags"
  done
}

# kwok fakes the kubelet of the nodes it manages (pods run nowhere). Its stage files (node and
# pod lifecycles), from the same pinned module, go to share/kwok/.
install_kwok() {
  go_install kwok sigs.k8s.io/kwok/cmd/kwok "$KWOK_VERSION"
  local dir stages="$cache/share/kwok"
  if [ "$(cat "$stages/.version" 2>/dev/null)" != "$KWOK_VERSION yaml" ]; then
    dir="$(module_dir "sigs.k8s.io/kwok@$KWOK_VERSION")"
    [ -d "$dir/kustomize/stage" ] || fail "kwok $KWOK_VERSION has no kustomize/stage in its module"
    rm -rf "$stages" && mkdir -p "$stages"
    (cd "$dir/kustomize/stage" && find . -name '*.yaml' ! -path '*/testdata/*' ! -name kustomization.yaml \
      -exec cp --parents {} "$stages/" \;)
    chmod -R u+w,a+rX "$stages"
    echo "$KWOK_VERSION yaml" >"$stages/.version"
  fi
}

# k3s's provisioner of the local-path StorageClass; runs out of cluster with --kubeconfig.
install_local_path_provisioner() {
  local v="$LOCAL_PATH_PROVISIONER_VERSION"
  go_install local-path-provisioner github.com/rancher/local-path-provisioner "$v" "$v" "-s -w -X main.VERSION=$v"
}

# The CNCF distribution registry, for the OCI push/pull tests.
install_registry() { go_install registry github.com/distribution/distribution/v3/cmd/registry "$DISTRIBUTION_VERSION"; }

# sshd for the SSH test hosts, and sudo for hosts reached as a non-root user.
install_sshd() {
  if [ -x /usr/sbin/sshd ] && command -v ssh >/dev/null && command -v ip >/dev/null && command -v sudo >/dev/null; then return 0; fi
  command -v apt-get >/dev/null || fail "sshd, ssh, ip and sudo are needed for the SSH tests: install openssh-server, openssh-client, iproute2 and sudo"
  say "installing openssh-server, openssh-client, iproute2 and sudo (Debian)"
  run_logged apt-update apt-get update
  run_logged apt-sshd env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends openssh-server openssh-client iproute2 sudo
}

# GnuPG, for the chart signing test (helm verifies what gpg signs).
install_gpg() {
  if command -v gpg >/dev/null && command -v gpgconf >/dev/null; then return 0; fi
  command -v apt-get >/dev/null || fail "gpg is needed for the chart signing test: install GnuPG (gnupg)"
  say "installing gnupg (Debian)"
  run_logged apt-update apt-get update
  run_logged apt-gpg env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends gnupg
}

# The Kubernetes components asked for, built together on the first one's turn.
kube=()
for t in "${tools[@]}"; do
  case "$t" in kube-apiserver|kube-controller-manager|kube-scheduler) kube+=("$t") ;; esac
done

# A first line that says what is ahead: the tools not built yet, with the measured cold minutes.
pending=() pending_minutes=0
for t in "${tools[@]}"; do
  case "$t" in sshd|gpg) continue ;; esac
  [ -x "$bin/$t" ] || { pending+=("$t"); pending_minutes=$((pending_minutes + $(minutes_of "$t"))); }
done
if [ ${#pending[@]} -gt 0 ]; then
  say "building ${#pending[@]} of ${#tools[@]} tools once (about $pending_minutes min on 2 cores with empty Go caches; cached in $cache): ${pending[*]}"
fi

i=0
for t in "${tools[@]}"; do
  i=$((i + 1))
  step="$i/${#tools[@]} $t, about $(minutes_of "$t") min on 2 cores"
  case "$t" in
    helm) install_helm ;;
    helm-render) install_helm_render ;;
    helm4) install_helm4 ;;
    helm-unittest) install_helm_unittest ;;
    ct) install_ct ;;
    etcd) install_etcd ;;
    kube-apiserver|kube-controller-manager|kube-scheduler)
      if [ ${#kube[@]} -gt 0 ]; then
        m=0; for k in "${kube[@]}"; do m=$((m + $(minutes_of "$k"))); done
        step="$i/${#tools[@]} ${kube[*]}, about $m min on 2 cores"
        install_kubernetes "${kube[@]}"
      fi
      kube=() ;;
    kwok) install_kwok ;;
    local-path-provisioner) install_local_path_provisioner ;;
    helm-controller) install_helm_controller ;;
    sshd) install_sshd ;;
    registry) install_registry ;;
    gpg) install_gpg ;;
    *) fail "tool '$t' is in $sets_file but install.sh has no install step for it" ;;
  esac
done
step=""
[ "$said" = 0 ] || say "tools ready in $bin"
echo "$bin"
