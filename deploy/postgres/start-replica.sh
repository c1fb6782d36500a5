#!/bin/sh
# The streaming replica: on first start copy the primary (pg_basebackup -R writes the standby
# settings), then run as a hot standby. PGPASSWORD is the replicator's password.
set -eu
PRIMARY_HOST="${PRIMARY_HOST:-db}"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  until pg_isready -h "$PRIMARY_HOST" -p 5432; do sleep 2; done
  mkdir -p "$PGDATA" && chmod 700 "$PGDATA"
  pg_basebackup -h "$PRIMARY_HOST" -p 5432 -U replicator -D "$PGDATA" -R -X stream -c fast
  chown -R postgres:postgres "$PGDATA"
fi
exec gosu postgres postgres -D "$PGDATA" -c hot_standby=on -c listen_addresses='*'
