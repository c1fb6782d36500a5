#!/usr/bin/env bash
# Writes the OpenAPI schema to $1. Generated always against the in-memory SQLite test settings:
# drf-spectacular derives integer bounds from the database backend, and the committed schema
# must come out the same on every machine, with or without PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
env -u TEST_DATABASE_URL -u DATABASE_URL DJANGO_SETTINGS_MODULE=procura.settings_test \
  .venv/bin/python manage.py spectacular --validate --fail-on-warn --format openapi-json --file "$1"
