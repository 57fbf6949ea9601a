#!/usr/bin/env bash
# The main job: release every enabled service of homelab.yaml.
#   pnpm release --target sandbox    a throwaway control plane on this machine (no homelab needed)
#   pnpm release                     install k3s on the config's hosts over SSH, then release
#   pnpm release --kubeconfig FILE   an existing cluster
# All options: pnpm release --help
set -euo pipefail
# The tools of the target's set in tooling/tools/tool-sets.txt: the sandbox needs its control
# plane; hosts and --kubeconfig need only helm's (no control plane is built for them).
set_name=hosts
prev=""
for arg in "$@"; do
  case "$arg" in
    --target=sandbox) set_name=sandbox ;;
    sandbox) [ "$prev" = --target ] && set_name=sandbox ;;
  esac
  prev="$arg"
done
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh" --set "$set_name"
pnpm exec turbo run build --output-logs=errors-only >&2
exec node packages/release/bin/homelab-release.js "$@"
