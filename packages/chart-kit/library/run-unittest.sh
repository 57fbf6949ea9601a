#!/usr/bin/env bash
# Tests of the homelab-common library chart, against the real tools:
#  1. helm-unittest runs the suites of test-chart/tests (rendering with its built-in helm 3 engine);
#  2. helm and helm4 lint and render the test chart with its values and every ci/*.yaml, and the
#     two renders must be the same manifests (blank lines and generated secret values aside).
# The test chart depends on the library (file://..) but the vendored copy is not committed: this
# copies the test chart and the library into a temporary directory and works there.
#   run-unittest.sh [helm-unittest options...]     e.g. -f 'tests/env_test.yaml'
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tools="${HOMELAB_TOOLS_DIR:-$HOME/.cache/homelab/tools}/bin"
for tool in helm-unittest helm helm4; do
  if [[ ! -x "$tools/$tool" ]]; then
    echo "run-unittest.sh: $tool not found in $tools. Fix: run tooling/tools/install.sh (or set HOMELAB_TOOLS_DIR)." >&2
    exit 2
  fi
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
chart="$work/test-chart"
cp -R "$here/test-chart" "$chart"
mkdir -p "$chart/charts/homelab-common"
cp "$here/Chart.yaml" "$here/.helmignore" "$chart/charts/homelab-common/"
cp -R "$here/templates" "$chart/charts/homelab-common/templates"

cd "$work"
status=0
"$tools/helm-unittest" --strict "$@" test-chart || status=1

# helm 3 and helm 4 render the same manifests.
# Generated secret values (the data: block of a Secret) differ on every render: they are masked.
normalise() {
  grep -v '^$' | awk '
    function flush(   i, data) {
      for (i = 1; i <= n; i++) {
        if (doc[i] ~ /^[^ ]/) data = (doc[i] == "data:")
        if (secret && data && doc[i] ~ /^  /) sub(/: .*/, ": <generated>", doc[i])
        print doc[i]
      }
      n = 0; secret = 0
    }
    /^---/ { flush() }
    /^kind: Secret$/ { secret = 1 }
    { doc[++n] = $0 }
    END { flush() }'
}
for values in "" "$chart"/ci/*.yaml; do
  label="${values:-values.yaml}"
  args=(rel "$chart" --namespace apps ${values:+--values "$values"})
  for helm in helm helm4; do
    if ! "$tools/$helm" lint "$chart" --quiet ${values:+--values "$values"} >"$work/lint.out" 2>&1; then
      echo "FAIL $helm lint with ${label##*/}:" >&2; cat "$work/lint.out" >&2; status=1
    fi
    if ! "$tools/$helm" template "${args[@]}" >"$work/$helm.yaml" 2>"$work/$helm.err"; then
      echo "FAIL $helm template with ${label##*/}:" >&2; cat "$work/$helm.err" >&2; status=1
    fi
  done
  if ! diff <(normalise <"$work/helm.yaml") <(normalise <"$work/helm4.yaml") >"$work/diff.out"; then
    echo "FAIL helm and helm4 render ${label##*/} differently:" >&2; cat "$work/diff.out" >&2; status=1
  else
    echo "PASS helm and helm4 lint and render ${label##*/} alike ($(grep -c '^kind:' "$work/helm4.yaml") objects)"
  fi
done
exit "$status"
