#!/usr/bin/env bash
# Shared setup of the main job and the tests: pinned tools, then the workspace's packages.
# Usage: source tooling/scripts/setup.sh [--set NAME | tool ...]   (sets: tooling/tools/tool-sets.txt)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
if ! command -v pnpm >/dev/null; then
  echo "setup: installing pnpm 10 (npm i -g pnpm@10)" >&2
  npm install --global --silent pnpm@10 >&2
fi
tools_bin="$(bash tooling/tools/install.sh "$@" | tail -n 1)"
export PATH="$tools_bin:$PATH"
echo "setup: installing workspace packages (pnpm install --frozen-lockfile)" >&2
pnpm install --frozen-lockfile --reporter=silent >&2
