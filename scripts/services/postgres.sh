#!/usr/bin/env bash
# Starts (or stops) a throwaway PostgreSQL cluster from Debian's packages on a
# loopback port, for the drift, app and db-guard tests. Prints the URL to use.
#   scripts/services/postgres.sh start   -> export SHIPSHAPE_TEST_PG_URL=...
#   scripts/services/postgres.sh stop
set -euo pipefail

PORT="${SHIPSHAPE_PG_PORT:-54329}"
DATA="${SHIPSHAPE_PG_DATA:-/tmp/shipshape-pg-$PORT}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"

if [ -z "$BIN" ]; then
  echo "postgres.sh: PostgreSQL is not installed; run: apt-get install -y postgresql" >&2
  exit 2
fi

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-start}" in
  start)
    if [ ! -f "$DATA/PG_VERSION" ]; then
      mkdir -p "$DATA"
      [ "$(id -u)" = 0 ] && chown postgres:postgres "$DATA"
      as_postgres "$BIN/initdb" -D "$DATA" -U postgres --auth=trust >/dev/null
    fi
    if ! as_postgres "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
      as_postgres "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w \
        -o "-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
    fi
    echo "postgres://postgres@127.0.0.1:$PORT/postgres"
    ;;
  stop)
    as_postgres "$BIN/pg_ctl" -D "$DATA" -m fast stop >/dev/null 2>&1 || true
    ;;
  *)
    echo "usage: postgres.sh start|stop" >&2
    exit 2
    ;;
esac
