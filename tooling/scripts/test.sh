#!/usr/bin/env bash
# Every test, against the real tools: installs them (pinned, cached), then runs the drift
# check, typecheck, lint, helm lint (Helm 3 and Helm 4), ct lint and every package's Vitest
# suite through turbo; then formatting (Biome), unused code (knip) and the service packages'
# generated files; and totals the results in one line.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh" --set tests
status=0
# Two tasks at a time: several suites start their own control plane, and this machine has 2 cores.
pnpm exec turbo run check typecheck lint chart-lint test --continue --concurrency=2 \
  --output-logs=new-only "$@" || status=$?
echo "test: formatting (pnpm format:check)" >&2
pnpm exec biome format . >/tmp/homelab-format.log 2>&1 || { tail -n 40 /tmp/homelab-format.log; echo "test: run \`pnpm format\`" >&2; status=1; }
echo "test: unused files, exports and dependencies (pnpm knip)" >&2
pnpm exec knip --no-config-hints || status=1
echo "test: service packages match the new-service template" >&2
node tooling/scripts/new-service.mjs --check >&2 || status=1
node tooling/scripts/test-summary.mjs || status=1
exit "$status"
