#!/usr/bin/env bash
# The production stack on loopback, from deploy/'s own configs, with its fault drills:
#   PostgreSQL (deploy/postgres/postgresql.conf) + a streaming replica (pg_basebackup -R),
#   Redis (deploy/redis/redis.conf), gunicorn (deploy/gunicorn.conf.py), a Celery worker on the
#   default/ocr/mail queues, beat (LeasedScheduler), nginx (deploy/nginx/*.conf, TLS + HTTP/2).
# Then scripts/stack_drill.py drives it through nginx: sign-in, a purchase request to payment, an
# invoice upload read by the worker; kills the worker mid-OCR; stops Redis; backs up and restores.
# Everything runs under var/stack on free ports and is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
PY="$ROOT/.venv/bin/python"
STACK="$ROOT/var/stack"
rm -rf "$STACK" && mkdir -p "$STACK"/{logs,media,backups,tls,nginx,wal-archive}
free_port() { "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PG_PORT=$(free_port); PG_REPLICA_PORT=$(free_port); REDIS_PORT=$(free_port)
WEB_PORT=$(free_port); NGINX_PORT=$(free_port)
PG_BIN="$(dirname "$(readlink -f "$(command -v pg_ctl)")")"
DB_PASSWORD="stack-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
REPL_PASSWORD="repl-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"

pids=()
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  set +e
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  [ -f "$STACK/nginx/nginx.pid" ] && kill "$(cat "$STACK/nginx/nginx.pid")" 2>/dev/null
  [ -f "$STACK/worker.pid" ] && kill "$(cat "$STACK/worker.pid")" 2>/dev/null
  [ -f "$STACK/redis.pid" ] && kill "$(cat "$STACK/redis.pid")" 2>/dev/null
  as_postgres "$PG_BIN/pg_ctl" -D "$STACK/replica" -m fast stop >/dev/null 2>&1
  as_postgres "$PG_BIN/pg_ctl" -D "$STACK/primary" -m fast stop >/dev/null 2>&1
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null; done
}
trap cleanup EXIT
step() { printf '\n== %s\n' "$*"; }

step "PostgreSQL primary on 127.0.0.1:$PG_PORT (deploy/postgres/postgresql.conf)"
[ "$(id -u)" -eq 0 ] && chown postgres "$STACK" "$STACK/wal-archive" "$STACK/logs"
echo "$DB_PASSWORD" >"$STACK/pwfile"; chmod 644 "$STACK/pwfile"
as_postgres "$PG_BIN/initdb" -D "$STACK/primary" -U postgres --pwfile="$STACK/pwfile" \
  --auth-local=trust --auth-host=scram-sha-256 >"$STACK/logs/initdb.log"
cp deploy/postgres/postgresql.conf deploy/postgres/pg_hba.conf "$STACK/primary/"
[ "$(id -u)" -eq 0 ] && chown postgres "$STACK/primary/postgresql.conf" "$STACK/primary/pg_hba.conf"
pg_opts="-c port=$PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$STACK"
pg_opts+=" -c shared_buffers=64MB -c effective_cache_size=256MB -c max_connections=100"
pg_opts+=" -c archive_command='cp %p $STACK/wal-archive/%f'"
as_postgres "$PG_BIN/pg_ctl" -D "$STACK/primary" -l "$STACK/logs/postgres.log" -w -o "$pg_opts" start >/dev/null
psql_primary() { PGPASSWORD="$DB_PASSWORD" psql -X -q -h 127.0.0.1 -p "$PG_PORT" -U postgres "$@"; }
psql_primary -c "CREATE ROLE procura LOGIN PASSWORD '$DB_PASSWORD' CREATEDB" \
  -c "CREATE DATABASE procura OWNER procura" \
  -c "CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD '$REPL_PASSWORD'"

step "Streaming replica on 127.0.0.1:$PG_REPLICA_PORT (pg_basebackup -R)"
as_postgres env PGPASSWORD="$REPL_PASSWORD" "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$PG_PORT" \
  -U replicator -D "$STACK/replica" -R -X stream -c fast
replica_opts="-c port=$PG_REPLICA_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$STACK"
replica_opts+=" -c shared_buffers=32MB -c archive_mode=off -c hot_standby=on"
as_postgres "$PG_BIN/pg_ctl" -D "$STACK/replica" -l "$STACK/logs/replica.log" -w -o "$replica_opts" start >/dev/null

step "Redis on 127.0.0.1:$REDIS_PORT (deploy/redis/redis.conf)"
start_redis() {
  redis-server "$ROOT/deploy/redis/redis.conf" --bind 127.0.0.1 --port "$REDIS_PORT" \
    --dir "$STACK" --daemonize yes --pidfile "$STACK/redis.pid" --logfile "$STACK/logs/redis.log"
  for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "redis did not start"; return 1
}
start_redis

export PROCURA_ENV=production DEBUG=false
export SECRET_KEY="stack-$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')"
export AUDIT_HMAC_KEYS="stack:$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')"
export ALLOWED_HOSTS="localhost,127.0.0.1" CSRF_TRUSTED_ORIGINS="https://localhost:$NGINX_PORT"
export DATABASE_URL="postgres://procura:$DB_PASSWORD@127.0.0.1:$PG_PORT/procura"
export DATABASE_REPLICA_URL="postgres://procura:$DB_PASSWORD@127.0.0.1:$PG_REPLICA_PORT/procura"
export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0" CELERY_BROKER_URL="redis://127.0.0.1:$REDIS_PORT/1"
export CACHE_KEY_PREFIX="procura-stack" MEDIA_ROOT="$STACK/media" BACKUP_DIR="$STACK/backups"
export EMAIL_URL="filemail://$STACK/mail" TRUSTED_PROXIES=127.0.0.1 FORWARDED_ALLOW_IPS=127.0.0.1
export GUNICORN_WORKERS=2 GUNICORN_THREADS=4 LOG_LEVEL=INFO
unset CELERY_TASK_ALWAYS_EAGER CELERY_TASK_DEFAULT_QUEUE CELERY_OCR_QUEUE CELERY_MAIL_QUEUE

step "Migrate, demo data, static files"
"$PY" manage.py migrate --noinput -v0
# A test installation: demo data is loaded as a development install would (refused in production).
PROCURA_ENV=development "$PY" manage.py seed_demo >"$STACK/logs/seed.log"
"$PY" manage.py collectstatic --noinput -v0
"$PY" manage.py check --deploy --fail-level ERROR >/dev/null

start_worker() {
  "$ROOT/.venv/bin/celery" -A procura worker --queues default,ocr,mail --concurrency 1 \
    --hostname "stack@%h" --loglevel INFO >>"$STACK/logs/worker.log" 2>&1 &
  WORKER_PID=$!; pids+=("$WORKER_PID"); echo "$WORKER_PID" >"$STACK/worker.pid"
}
step "gunicorn on 127.0.0.1:$WEB_PORT, a worker, beat"
"$ROOT/.venv/bin/gunicorn" procura.wsgi:application -c deploy/gunicorn.conf.py \
  --bind "127.0.0.1:$WEB_PORT" >"$STACK/logs/web.log" 2>&1 &
pids+=($!)
start_worker
"$ROOT/.venv/bin/celery" -A procura beat --loglevel INFO \
  --schedule "$STACK/celerybeat-schedule" >"$STACK/logs/beat.log" 2>&1 &
pids+=($!)

step "nginx on https://127.0.0.1:$NGINX_PORT (deploy/nginx/*.conf)"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost \
  -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
  -keyout "$STACK/tls/procura.key" -out "$STACK/tls/procura.crt" 2>/dev/null
mkdir -p "$STACK/nginx/cache"
for conf in deploy/nginx/procura-*.conf; do
  sed -e "s#/etc/nginx/#$STACK/nginx/#g" "$conf" >"$STACK/nginx/$(basename "$conf")"
done
cat >"$STACK/nginx/procura-upstream.conf" <<EOF
upstream procura_web { server 127.0.0.1:$WEB_PORT; keepalive 16; }
EOF
cat >"$STACK/nginx/nginx.conf" <<EOF
pid $STACK/nginx/nginx.pid;
error_log $STACK/logs/nginx-error.log;
worker_processes 1;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  access_log $STACK/logs/nginx-access.log;
  client_body_temp_path $STACK/nginx/body;
  proxy_temp_path $STACK/nginx/proxy;
  fastcgi_temp_path $STACK/nginx/fastcgi;
  uwsgi_temp_path $STACK/nginx/uwsgi;
  scgi_temp_path $STACK/nginx/scgi;
  include $STACK/nginx/procura-http.conf;
  include $STACK/nginx/procura-upstream.conf;
  proxy_cache_path $STACK/nginx/cache keys_zone=procura_assets:1m max_size=64m;
  server {
    listen 127.0.0.1:$NGINX_PORT ssl http2;
    server_name localhost;
    ssl_certificate $STACK/tls/procura.crt;
    ssl_certificate_key $STACK/tls/procura.key;
    include $STACK/nginx/procura-site.conf;
  }
}
EOF
nginx -p "$STACK/nginx" -c "$STACK/nginx/nginx.conf"

for _ in $(seq 120); do
  curl -fsS --cacert "$STACK/tls/procura.crt" "https://127.0.0.1:$NGINX_PORT/api/health/" >/dev/null 2>&1 && break
  sleep 0.5
done
for _ in $(seq 120); do grep -q " ready." "$STACK/logs/worker.log" 2>/dev/null && break; sleep 0.5; done

step "Drills through nginx"
status=0
STACK_DIR="$STACK" BASE_URL="https://127.0.0.1:$NGINX_PORT" PG_BIN="$PG_BIN" \
  REDIS_PORT="$REDIS_PORT" DB_PASSWORD="$DB_PASSWORD" PG_PORT="$PG_PORT" \
  PG_REPLICA_PORT="$PG_REPLICA_PORT" \
  "$PY" scripts/stack_drill.py || status=$?
if [ $status -ne 0 ]; then
  for log in web worker beat nginx-error; do
    echo "--- $log log (last 30 lines)"; tail -30 "$STACK/logs/$log.log" 2>/dev/null || true
  done
fi
exit $status
