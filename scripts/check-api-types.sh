#!/usr/bin/env bash
# Fails when the committed OpenAPI schema or the web app's generated API types are stale.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
./scripts/generate-schema.sh "$tmp/openapi.json"
if ! diff -q "$tmp/openapi.json" frontend/openapi.json >/dev/null; then
  echo "frontend/openapi.json is stale: run 'make schema' and 'cd frontend && npm run gen:api', then commit."
  diff -u frontend/openapi.json "$tmp/openapi.json" > "$tmp/schema.diff" || true
  head -40 "$tmp/schema.diff"
  exit 1
fi
cd frontend && npm run --silent check:api
