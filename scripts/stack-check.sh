#!/usr/bin/env bash
# The production stack on loopback, from deploy/'s own configs, with its fault drills:
#   PostgreSQL (deploy/postgres/postgresql.conf) + a streaming replica (pg_basebackup -R),
#   Redis (deploy/redis/redis.conf), gunicorn (deploy/gunicorn.conf.py), a Celery worker on the
#   default/ocr/mail queues, beat (LeasedScheduler), nginx (deploy/nginx/*.conf, TLS + HTTP/2).
# Then scripts/stack_drill.py drives it through nginx: sign-in, a purchase request to payment, an
# invoice upload read by the worker; kills the worker mid-OCR; stops Redis; backs up and restores.
# Then web, worker and beat restart with RabbitMQ as the broker (127.0.0.1:5672, a vhost of this
# run's own) and the drills run again: purchase to payment, upload, worker killed mid-OCR, Redis
# (now only the cache) stopped.
# Everything runs under var/stack on free ports and is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
PY="$ROOT/.venv/bin/python"
STACK="$ROOT/var/stack"
rm -rf "$STACK" && mkdir -p "$STACK"/{logs,media,backups,tls,nginx,wal-archive}
# Five free loopback ports from one interpreter (held open together, so all differ).
read -r PG_PORT PG_REPLICA_PORT REDIS_PORT WEB_PORT NGINX_PORT < <(python3 -c '
import socket
socks = [socket.socket() for _ in range(5)]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in socks))')
PG_BIN="$(dirname "$(readlink -f "$(command -v pg_ctl)")")"
DB_PASSWORD="stack-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
REPL_PASSWORD="repl-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
RABBIT_VHOST="procura-stack-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
RABBITMQ_URL="amqp://guest:guest@127.0.0.1:5672/$RABBIT_VHOST"

pids=()
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  set +e
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  [ -f "$STACK/nginx/nginx.pid" ] && kill "$(cat "$STACK/nginx/nginx.pid")" 2>/dev/null
  [ -f "$STACK/worker.pid" ] && kill "$(cat "$STACK/worker.pid")" 2>/dev/null
  rabbitmqctl -q delete_vhost "$RABBIT_VHOST" >/dev/null 2>&1
  [ -f "$STACK/redis.pid" ] && kill "$(cat "$STACK/redis.pid")" 2>/dev/null
  as_postgres "$PG_BIN/pg_ctl" -D "$STACK/replica" -m fast stop >/dev/null 2>&1
  as_postgres "$PG_BIN/pg_ctl" -D "$STACK/primary" -m fast stop >/dev/null 2>&1
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null; done
}
trap cleanup EXIT
step() { printf '\n== [%3d s] %s\n' "$SECONDS" "$*"; }

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
# The seeded database is kept between runs of the same code (seed once): a dump keyed by a hash
# of procura/ and uv.lock, with the media files and the audit key that signed its events.
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/procura-stack"
SEED_KEY="$(find procura uv.lock -type f ! -path '*/__pycache__/*' ! -name '*.pyc' -print0 \
  | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-20)"
SEEDED="$CACHE/$SEED_KEY"
# Without that dump, the schema alone is kept for the same migrations (see
# procura/core/tests/database_template.py): restored, it leaves migrate nothing to apply.
MIGRATED_CACHE="$CACHE-migrated"
MIGRATED="$MIGRATED_CACHE/$("$PY" -c 'from procura.core.tests.database_template import migrations_digest; print(migrations_digest())').dump"
if [ -f "$SEEDED/procura.dump" ]; then
  AUDIT_HMAC_KEYS="$(cat "$SEEDED/audit-key")"
else
  AUDIT_HMAC_KEYS="stack:$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')"
fi
export AUDIT_HMAC_KEYS
export ALLOWED_HOSTS="localhost,127.0.0.1" CSRF_TRUSTED_ORIGINS="https://localhost:$NGINX_PORT"
export DATABASE_URL="postgres://procura:$DB_PASSWORD@127.0.0.1:$PG_PORT/procura"
export DATABASE_REPLICA_URL="postgres://procura:$DB_PASSWORD@127.0.0.1:$PG_REPLICA_PORT/procura"
export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0" CELERY_BROKER_URL="redis://127.0.0.1:$REDIS_PORT/1"
export CACHE_KEY_PREFIX="procura-stack" MEDIA_ROOT="$STACK/media" BACKUP_DIR="$STACK/backups"
# Static files of its own, kept between runs (collectstatic then copies only what changed): the
# browser tests, which `make test` runs at the same time, collect theirs into var/static.
export STATIC_ROOT="$ROOT/var/static-stack"
export EMAIL_URL="filemail://$STACK/mail" TRUSTED_PROXIES=127.0.0.1 FORWARDED_ALLOW_IPS=127.0.0.1
export GUNICORN_WORKERS=2 GUNICORN_THREADS=4 LOG_LEVEL=INFO
unset CELERY_TASK_ALWAYS_EAGER CELERY_TASK_DEFAULT_QUEUE CELERY_OCR_QUEUE CELERY_MAIL_QUEUE

step "Migrate and demo data (in the background), meanwhile the replica, RabbitMQ, static files"
# A test installation: demo data is loaded as a development install would (refused in production),
# only the parts the drills use (people, partners, catalogue, stock, sales and purchasing).
seed() {
  if [ -f "$SEEDED/procura.dump" ]; then
    echo "demo data from $SEEDED (same code as when it was seeded)"
    PGPASSWORD="$DB_PASSWORD" pg_restore -h 127.0.0.1 -p "$PG_PORT" -U procura -d procura \
      --no-owner --exit-on-error --single-transaction "$SEEDED/procura.dump"
    tar -xf "$SEEDED/media.tar" -C "$STACK/media"
    "$PY" manage.py migrate --noinput -v0
    return
  fi
  if [ -f "$MIGRATED" ]; then
    echo "schema from $MIGRATED (same migrations as when it was migrated)"
    # One transaction: a restore that fails leaves the database empty, and migrate does it all.
    PGPASSWORD="$DB_PASSWORD" pg_restore -h 127.0.0.1 -p "$PG_PORT" -U procura -d procura \
      --no-owner --exit-on-error --single-transaction "$MIGRATED" \
      || echo "the schema could not be restored: migrating from empty"
  fi
  "$PY" manage.py migrate --noinput -v0
  if [ ! -f "$MIGRATED" ]; then
    mkdir -p "$MIGRATED_CACHE" && chmod 700 "$MIGRATED_CACHE"
    find "$MIGRATED_CACHE" -name '*.dump' -delete
    PGPASSWORD="$DB_PASSWORD" pg_dump -h 127.0.0.1 -p "$PG_PORT" -U procura -d procura \
      --format=custom --no-owner -f "$MIGRATED.$$" && mv "$MIGRATED.$$" "$MIGRATED"
  fi
  PROCURA_ENV=development "$PY" manage.py seed_demo --step accounts --step partners \
    --step catalog --step inventory --step sales --step procurement
  rm -rf "$CACHE" && mkdir -p "$CACHE/.new-$SEED_KEY" && chmod 700 "$CACHE"
  PGPASSWORD="$DB_PASSWORD" pg_dump -h 127.0.0.1 -p "$PG_PORT" -U procura -d procura \
    --format=custom --no-owner -f "$CACHE/.new-$SEED_KEY/procura.dump"
  tar -cf "$CACHE/.new-$SEED_KEY/media.tar" -C "$STACK/media" .
  printf '%s' "$AUDIT_HMAC_KEYS" >"$CACHE/.new-$SEED_KEY/audit-key"
  mv "$CACHE/.new-$SEED_KEY" "$SEEDED"
}
seed >"$STACK/logs/seed.log" 2>&1 &
SEED_PID=$!; pids+=("$SEED_PID")
(
  rabbitmqctl -q add_vhost "$RABBIT_VHOST" \
    && rabbitmqctl -q set_permissions -p "$RABBIT_VHOST" guest ".*" ".*" ".*"
) >"$STACK/logs/rabbitmq.log" 2>&1 &
RABBIT_PID=$!; pids+=("$RABBIT_PID")
echo "Streaming replica on 127.0.0.1:$PG_REPLICA_PORT (pg_basebackup -R)"
as_postgres env PGPASSWORD="$REPL_PASSWORD" "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$PG_PORT" \
  -U replicator -D "$STACK/replica" -R -X stream -c fast
replica_opts="-c port=$PG_REPLICA_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$STACK"
replica_opts+=" -c shared_buffers=32MB -c archive_mode=off -c hot_standby=on"
as_postgres "$PG_BIN/pg_ctl" -D "$STACK/replica" -l "$STACK/logs/replica.log" -w -o "$replica_opts" start >/dev/null

"$PY" manage.py collectstatic --noinput -v0
"$PY" manage.py check --deploy --fail-level ERROR >/dev/null
if ! wait "$SEED_PID"; then echo "migrate/seed failed:"; tail -30 "$STACK/logs/seed.log"; exit 1; fi

start_worker() {
  "$ROOT/.venv/bin/celery" -A procura worker --queues default,ocr,mail --concurrency 1 \
    --hostname "stack@%h" --loglevel INFO >>"$STACK/logs/worker.log" 2>&1 &
  WORKER_PID=$!; pids+=("$WORKER_PID"); echo "$WORKER_PID" >"$STACK/worker.pid"
}
start_processes() {
  "$ROOT/.venv/bin/gunicorn" procura.wsgi:application -c deploy/gunicorn.conf.py \
    --bind "127.0.0.1:$WEB_PORT" >>"$STACK/logs/web.log" 2>&1 &
  WEB_PID=$!; pids+=("$WEB_PID")
  start_worker
  "$ROOT/.venv/bin/celery" -A procura beat --loglevel INFO \
    --schedule "$STACK/celerybeat-schedule" >>"$STACK/logs/beat.log" 2>&1 &
  BEAT_PID=$!; pids+=("$BEAT_PID")
}
stop_processes() {
  local worker; worker="$(cat "$STACK/worker.pid")"
  kill -TERM "$WEB_PID" "$BEAT_PID" "$worker" 2>/dev/null || true
  for _ in $(seq 100); do
    kill -0 "$WEB_PID" 2>/dev/null || kill -0 "$BEAT_PID" 2>/dev/null \
      || kill -0 "$worker" 2>/dev/null || return 0
    sleep 0.2
  done
  kill -KILL "$WEB_PID" "$BEAT_PID" "$worker" 2>/dev/null || true
}
wait_ready() {  # the API answers through nginx and a worker (one more than $1 so far) is up
  for _ in $(seq 120); do
    curl -fsS --cacert "$STACK/tls/procura.crt" "https://127.0.0.1:$NGINX_PORT/api/health/" >/dev/null 2>&1 && break
    sleep 0.5
  done
  for _ in $(seq 120); do
    [ "$(grep -c " ready." "$STACK/logs/worker.log" 2>/dev/null)" -gt "$1" ] && return 0
    sleep 0.5
  done
}
step "gunicorn on 127.0.0.1:$WEB_PORT, a worker, beat"
start_processes

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

wait_ready 0

drill() {
  STACK_DIR="$STACK" BASE_URL="https://127.0.0.1:$NGINX_PORT" PG_BIN="$PG_BIN" \
    REDIS_PORT="$REDIS_PORT" DB_PASSWORD="$DB_PASSWORD" PG_PORT="$PG_PORT" \
    PG_REPLICA_PORT="$PG_REPLICA_PORT" STACK_BROKER="$1" \
    "$PY" scripts/stack_drill.py
}
step "Drills through nginx, Redis as the broker"
status=0
drill redis || status=$?

if [ $status -eq 0 ]; then
  step "RabbitMQ as the broker (vhost $RABBIT_VHOST on 127.0.0.1:5672)"
  if ! wait "$RABBIT_PID"; then echo "RabbitMQ vhost:"; cat "$STACK/logs/rabbitmq.log"; exit 1; fi
  stop_processes
  export CELERY_BROKER_URL="$RABBITMQ_URL"
  ready_before=$(grep -c " ready." "$STACK/logs/worker.log" || true)
  start_processes
  wait_ready "$ready_before"
  drill rabbitmq || status=$?
fi
if [ $status -ne 0 ]; then
  for log in web worker beat nginx-error; do
    echo "--- $log log (last 30 lines)"; tail -30 "$STACK/logs/$log.log" 2>/dev/null || true
  done
fi
exit $status
