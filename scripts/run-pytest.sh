#!/usr/bin/env bash
# The backend test suite. pytest's exit code 5 (no tests collected) is a failure here.
set -uo pipefail
cd "$(dirname "$0")/.."
if [ -n "${TEST_DATABASE_URL:-}" ]; then echo "database: PostgreSQL ($TEST_DATABASE_URL)"; else echo "database: SQLite (in memory)"; fi
if [ -n "${REDIS_URL:-}" ]; then echo "cache/broker: Redis ($REDIS_URL)"; else echo "cache: local memory, tasks in-process"; fi
.venv/bin/pytest "$@"
rc=$?
if [ $rc -eq 5 ]; then
  echo "pytest collected no tests: failing the run."
  exit 1
fi
exit $rc
