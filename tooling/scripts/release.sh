#!/usr/bin/env bash
# The main job: release every enabled service of homelab.yaml.
#   pnpm release --target sandbox    a throwaway control plane on this machine (no homelab needed)
#   pnpm release                     install k3s on the config's hosts over SSH, then release
#   pnpm release --kubeconfig FILE   an existing cluster
# All options: pnpm release --help
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh" helm etcd kube-apiserver helm-controller
pnpm exec turbo run build --output-logs=errors-only >&2
exec node packages/release/bin/homelab-release.js "$@"
