#!/usr/bin/env bash
# Runs the helm-unittest suites of the homelab-common library.
# The test chart depends on the library (file://..) but the vendored copy is not committed:
# this copies the test chart and the library into a temporary directory and runs helm-unittest there.
#   run-unittest.sh [helm-unittest options...]     e.g. -f 'tests/env_test.yaml'
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tools="${HOMELAB_TOOLS_DIR:-$HOME/.cache/homelab/tools}/bin"
unittest="${HELM_UNITTEST:-$tools/helm-unittest}"
if [[ ! -x "$unittest" ]]; then
  echo "run-unittest.sh: helm-unittest not found at $unittest. Fix: run tooling/tools/install.sh (or set HELM_UNITTEST)." >&2
  exit 2
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -R "$here/test-chart" "$work/test-chart"
mkdir -p "$work/test-chart/charts/homelab-common"
cp "$here/Chart.yaml" "$here/.helmignore" "$work/test-chart/charts/homelab-common/"
cp -R "$here/templates" "$work/test-chart/charts/homelab-common/templates"
cd "$work"
"$unittest" "$@" test-chart
