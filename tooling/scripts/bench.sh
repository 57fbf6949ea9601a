#!/usr/bin/env bash
# Benchmarks (not tests): prints one table of figures against baselines measured in the same
# run, and writes it to bench/results/. Usage: pnpm bench [cli-start] [chart-build] [turbo-cache] [release]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh" --set bench
exec node bench/bin/bench.js "$@"
