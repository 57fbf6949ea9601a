#!/usr/bin/env bash
# The main job: build every chart into charts/, lint it (tsc, eslint, helm lint --strict,
# ct lint), package it into dist/charts/, and print a summary.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh" --set charts
pnpm exec turbo run build lint package --output-logs=errors-only
node tooling/chart-testing/bin/homelab-ct.js lint --json
echo
printf '%-16s %-9s %-12s %-40s %s\n' CHART VERSION APP ARCHIVE BYTES
for tgz in dist/charts/*.tgz; do
  meta="$(helm show chart "$tgz")"
  name="$(sed -n 's/^name: //p' <<<"$meta")"
  version="$(sed -n 's/^version: //p' <<<"$meta")"
  app="$(sed -n 's/^appVersion: //p' <<<"$meta" | tr -d '"')"
  printf '%-16s %-9s %-12s %-40s %s\n' "$name" "$version" "$app" "$tgz" "$(stat -c %s "$tgz")"
done
