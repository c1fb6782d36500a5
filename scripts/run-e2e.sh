#!/usr/bin/env bash
# Browser tests: a real Procura server (gunicorn) on 127.0.0.1 with fresh demo data and, when
# REDIS_URL is set (as in CI), a real Celery worker on its own queue; driven by playwright-core
# in Debian's Chromium. Screenshots land in frontend/test-artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
# A free port unless one is given, so a run never talks to another server left on a fixed port.
port="${E2E_PORT:-$(.venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
workdir="var/e2e"
rm -rf "$workdir" && mkdir -p "$workdir"
export PROCURA_ENV=development DEBUG=false
# One browser signs in as many people within a minute: rates for a whole office, not one client.
export THROTTLE_LOGIN=${THROTTLE_LOGIN:-600/minute} THROTTLE_ANON=${THROTTLE_ANON:-1200/minute}
# The API docs behind sign-in, as in production.
export API_DOCS_REQUIRE_SIGN_IN=${API_DOCS_REQUIRE_SIGN_IN:-true}
export DATABASE_URL="sqlite:///$PWD/$workdir/procura.sqlite3"
export MEDIA_ROOT="$PWD/$workdir/media"
export CACHE_KEY_PREFIX="procura-e2e-$$"
# Mail (PO and invoice PDFs) goes to files instead of flooding the logs.
export EMAIL_URL="filemail:///$PWD/$workdir/mail"
unset CELERY_BROKER_URL CELERY_TASK_ALWAYS_EAGER
if [ -n "${REDIS_URL:-}" ]; then
  export CELERY_TASK_DEFAULT_QUEUE="procura-e2e-$$"
  export CELERY_OCR_QUEUE="$CELERY_TASK_DEFAULT_QUEUE" CELERY_MAIL_QUEUE="$CELERY_TASK_DEFAULT_QUEUE"
  echo "background tasks: Celery worker on $REDIS_URL (queue $CELERY_TASK_DEFAULT_QUEUE)"
else
  echo "background tasks: in-process (set REDIS_URL to run them in a Celery worker)"
fi
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT
step() { printf '== [%3d s] %s\n' "$SECONDS" "$*"; }
# Static files meanwhile: they need no database.
.venv/bin/python manage.py collectstatic --noinput -v0 >"$workdir/collectstatic.log" 2>&1 &
static_pid=$!; pids+=("$static_pid")
# The schema is migrated once for each set of migrations (see database_template.py): a copy of
# the empty migrated database is kept and copied here; migrate then finds nothing to apply.
migrated_cache="${XDG_CACHE_HOME:-$HOME/.cache}/procura-e2e"
migrations="$(.venv/bin/python -c 'from procura.core.tests.database_template import migrations_digest; print(migrations_digest())')"
migrated="$migrated_cache/migrated-$migrations.sqlite3"
step "migrate$([ -f "$migrated" ] && echo " (from $migrated)")"
if [ -f "$migrated" ] && ! cp "$migrated" "$workdir/procura.sqlite3" 2>/dev/null; then
  rm -f "$workdir/procura.sqlite3"  # migrate builds it from empty
fi
.venv/bin/python manage.py migrate --noinput -v0
if [ ! -f "$migrated" ]; then
  mkdir -p "$migrated_cache" && find "$migrated_cache" -name 'migrated-*.sqlite3' -delete
  .venv/bin/python -c 'import sqlite3, sys; sqlite3.connect(sys.argv[1]).backup(sqlite3.connect(sys.argv[2]))' \
    "$workdir/procura.sqlite3" "$migrated.$$" && mv "$migrated.$$" "$migrated"
fi
# The worker and the server start while the demo data is written; the tests wait for both.
if [ -n "${REDIS_URL:-}" ]; then
  .venv/bin/celery -A procura worker --loglevel=INFO --concurrency=1 --pool=solo \
    --queues "$CELERY_TASK_DEFAULT_QUEUE" >"$workdir/worker.log" 2>&1 &
  pids+=($!)
fi
if ! wait "$static_pid"; then echo "collectstatic failed:"; tail -20 "$workdir/collectstatic.log"; exit 1; fi
.venv/bin/gunicorn procura.wsgi:application -c deploy/gunicorn.conf.py --bind "127.0.0.1:$port" \
  --workers 2 >"$workdir/server.log" 2>&1 &
pids+=($!)
server=$!
step "demo data"
.venv/bin/python manage.py seed_demo
for _ in $(seq 150); do
  kill -0 "$server" 2>/dev/null || { echo "the server did not start:"; tail -20 "$workdir/server.log"; exit 1; }
  curl -fsS "http://127.0.0.1:$port/api/health/" >/dev/null 2>&1 && break
  sleep 0.2
done
if [ -n "${REDIS_URL:-}" ]; then
  # The worker must be consuming before the tests start uploading.
  for _ in $(seq 150); do
    grep -q "ready" "$workdir/worker.log" 2>/dev/null && break
    sleep 0.2
  done
fi
step "browser tests"
status=0
(cd frontend && BASE_URL="http://127.0.0.1:$port" npm run e2e -- ${E2E_FILTER:+"$E2E_FILTER"}) || status=$?
if [ $status -ne 0 ]; then
  echo "--- server log (last 40 lines)"; tail -40 "$workdir/server.log" || true
  [ -f "$workdir/worker.log" ] && { echo "--- worker log (last 40 lines)"; tail -40 "$workdir/worker.log"; }
fi
exit $status
