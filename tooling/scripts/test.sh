#!/usr/bin/env bash
# Every test, against the real tools: installs them (pinned, cached), then runs
# the drift check, lint (tsc, eslint, helm lint --strict, ct lint) and every
# package's Vitest suite through turbo, and totals the results.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
status=0
# Two tasks at a time: several suites start their own control plane, and this machine has 2 cores.
pnpm exec turbo run check lint test --continue --concurrency=2 --output-logs=new-only "$@" || status=$?
node tooling/scripts/test-summary.mjs || status=1
exit "$status"
