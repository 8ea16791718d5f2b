#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for `make bench` (never the dev cluster of
# scripts/pg.sh): var/bench/pg, 127.0.0.1:$BENCH_PG_PORT (54361), trust
# authentication on loopback, pg_stat_statements loaded. Prints
# `export BENCH_ADMIN_URL=...` for eval.
#   scripts/bench/pg.sh          start (initdb when missing)
#   scripts/bench/pg.sh stop     stop it
#   scripts/bench/pg.sh restart  restart it (fast), e.g. for `make chaos`
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PGROOT="$ROOT/var/bench/pg"
DATA="$PGROOT/data"
PORT="${BENCH_PG_PORT:-54361}"
SYS_USER=okienko-pg
log() { printf 'bench-pg: %s\n' "$*" >&2; }
BINDIR=""
for d in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -t/ -k5,5 -rn); do
    if [ -x "$d/initdb" ]; then BINDIR="$d"; break; fi
done
[ -n "$BINDIR" ] || { log "no PostgreSQL server binaries (apt-get install postgresql)"; exit 1; }
as_pg() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u "$SYS_USER" -- "$@"; else "$@"; fi
}
if [ "$(id -u)" -eq 0 ] && ! id -u "$SYS_USER" >/dev/null 2>&1; then
    useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$SYS_USER"
fi
pg_ctl() { as_pg "$BINDIR/pg_ctl" -D "$DATA" "$@"; }
case "${1:-start}" in
    stop)
        if [ -f "$DATA/postmaster.pid" ]; then pg_ctl -m fast -w stop >/dev/null; fi
        exit 0 ;;
    restart)
        pg_ctl -m fast -w restart >/dev/null
        exit 0 ;;
esac
if [ ! -f "$DATA/PG_VERSION" ]; then
    log "initdb $DATA"
    mkdir -p "$PGROOT"
    # the system user must reach the directory
    d="$PGROOT"; while [ "$d" != / ]; do chmod o+x "$d" 2>/dev/null || true; d="$(dirname "$d")"; done
    [ "$(id -u)" -ne 0 ] || chown "$SYS_USER:$SYS_USER" "$PGROOT"
    as_pg "$BINDIR/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --no-locale >"$PGROOT/initdb.log"
    cat >>"$DATA/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$PGROOT'
max_connections = 300
shared_buffers = 256MB
shared_preload_libraries = 'pg_stat_statements'
pg_stat_statements.track = all
logging_collector = off
CONF
fi
if ! pg_ctl status >/dev/null 2>&1; then
    pg_ctl -l "$PGROOT/server.log" -w start >/dev/null
fi
echo "export BENCH_ADMIN_URL=postgres://postgres@127.0.0.1:$PORT/postgres"
