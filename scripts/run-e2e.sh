#!/usr/bin/env bash
# Browser tests: a real Procura server (gunicorn) on 127.0.0.1 with fresh demo data, driven by
# playwright-core in Debian's Chromium. Screenshots land in frontend/test-artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${E2E_PORT:-8765}"
workdir="var/e2e"
rm -rf "$workdir" && mkdir -p "$workdir"
export PROCURA_ENV=development DEBUG=false
export DATABASE_URL="sqlite:///$PWD/$workdir/procura.sqlite3"
export MEDIA_ROOT="$PWD/$workdir/media"
export CACHE_KEY_PREFIX="procura-e2e-$$"
unset CELERY_BROKER_URL
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py seed_demo
.venv/bin/python manage.py collectstatic --noinput -v0
.venv/bin/gunicorn procura.wsgi:application -c deploy/gunicorn.conf.py --bind "127.0.0.1:$port" \
  --workers 2 >"$workdir/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 60); do
  curl -fsS "http://127.0.0.1:$port/api/health/" >/dev/null 2>&1 && break
  sleep 0.5
done
cd frontend && BASE_URL="http://127.0.0.1:$port" npm run e2e
