#!/usr/bin/env bash
# Fails when the committed OpenAPI schema or the web app's generated API types are stale.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
DJANGO_SETTINGS_MODULE=procura.settings_test .venv/bin/python manage.py spectacular --validate --fail-on-warn --format openapi-json --file "$tmp/openapi.json"
if ! diff -q "$tmp/openapi.json" frontend/openapi.json >/dev/null; then
  echo "frontend/openapi.json is stale: run 'make schema' and 'cd frontend && npm run gen:api', then commit."
  diff -u frontend/openapi.json "$tmp/openapi.json" > "$tmp/schema.diff" || true
  head -40 "$tmp/schema.diff"
  exit 1
fi
cd frontend && npm run --silent check:api
