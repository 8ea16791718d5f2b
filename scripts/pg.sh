#!/usr/bin/env bash
# Ensure a PostgreSQL database for Okienko and print `export DATABASE_URL=...`
# on stdout (everything else goes to stderr), so that callers can do:
#
#     eval "$(scripts/pg.sh)"
#
# Behaviour:
#   * DATABASE_URL set in the environment (or, failing that, a DATABASE_URL=
#     line in $ROOT/.env): printed unchanged; nothing is started.
#   * Otherwise a private cluster under $ROOT/var/pg is created on first use
#     (initdb), started if it is not running, and database `okienko` is
#     created if missing. The data is kept between runs. Two roles: the owner
#     `okienko` (password in var/pg/password), which runs migrations, and the
#     application's `okienko_app` (var/pg/app-password), which `okienko migrate`
#     grants the use of the tables but not changes to the schema or the audit
#     log. Printed: DATABASE_URL and DATABASE_OWNER_URL (the owner, for
#     migrations, tests and psql) and DATABASE_APP_URL (what `okienko serve`
#     should use as its DATABASE_URL; see `make run`).
#
# Usage: scripts/pg.sh [start|stop|status]     (default: start)
#
# Environment: PGPORT (default 54329; when not set and 54329 is taken by
# something else, the next free port up to 54339 is used and remembered).
#
# As root the server runs as the unprivileged system user `okienko-pg`
# (initdb refuses to run as root); otherwise as the invoking user.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PGROOT="$ROOT/var/pg"
DATA="$PGROOT/data"
RUNDIR="$PGROOT/run"
LOGDIR="$PGROOT/log"
LOGFILE="$LOGDIR/postgresql.log"
PWFILE="$PGROOT/password"
PORTFILE="$PGROOT/port"
LOCKFILE="$PGROOT/.lock"
DB_NAME=okienko
DB_USER=okienko
APP_USER=okienko_app
APP_PWFILE="$PGROOT/app-password"
SYS_USER=okienko-pg
DEFAULT_PORT=54329

log() { printf 'pg.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

# --------------------------------------------------------------------------
# External database: DATABASE_URL from the environment or from .env
# --------------------------------------------------------------------------

# Value of the last DATABASE_URL= line of .env (dotenv syntax, simplified:
# optional `export`, optional single/double quotes, ` #comment` after an
# unquoted value). Prints nothing when there is none.
dotenv_database_url() {
    local file="$ROOT/.env" line value
    [ -f "$file" ] || return 0
    line="$(grep -E '^[[:space:]]*(export[[:space:]]+)?DATABASE_URL[[:space:]]*=' "$file" | tail -n 1 || true)"
    [ -n "$line" ] || return 0
    value="${line#*=}"
    value="${value#"${value%%[![:space:]]*}"}"   # trim leading blanks
    case "$value" in
        \"*) value="${value#\"}"; value="${value%%\"*}" ;;
        \'*) value="${value#\'}"; value="${value%%\'*}" ;;
        *)   value="${value%%[[:space:]]#*}"; value="${value%"${value##*[![:space:]]}"}" ;;
    esac
    printf '%s' "$value"
}

print_url() { printf 'export DATABASE_URL=%q\n' "$1"; }

# --------------------------------------------------------------------------
# Privileges and packages
# --------------------------------------------------------------------------

apt_install() {
    # apt_install PKG...: install Debian packages, as root or through sudo.
    local -a pre=()
    if is_root; then
        :
    elif command -v sudo >/dev/null 2>&1; then
        pre=(sudo)
    else
        die "PostgreSQL server binaries not found. Install them with:
    sudo apt-get install postgresql      (or, as root: apt-get install postgresql)
or set DATABASE_URL to an existing server."
    fi
    log "installing Debian packages: $*"
    local i
    for i in 1 2 3 4 5; do
        if "${pre[@]}" apt-get -o DPkg::Lock::Timeout=600 update >&2; then break; fi
        [ "$i" -lt 5 ] || die "apt-get update failed"
        log "apt-get update failed (lock held?), retrying in 15 s"
        sleep 15
    done
    "${pre[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get -o DPkg::Lock::Timeout=600 install -y "$@" >&2
}

has_server_bins() { [ -x "$1/initdb" ] && [ -x "$1/pg_ctl" ] && [ -x "$1/postgres" ]; }

# Sets BINDIR to a directory holding initdb, pg_ctl, postgres, pg_isready, psql.
find_bindir() {
    local d v
    BINDIR=""
    # An existing cluster must be run by its own major version.
    if [ -r "$DATA/PG_VERSION" ]; then
        v="$(cat "$DATA/PG_VERSION")"
        if has_server_bins "/usr/lib/postgresql/$v/bin"; then
            BINDIR="/usr/lib/postgresql/$v/bin"; return 0
        fi
    fi
    if command -v pg_config >/dev/null 2>&1; then
        d="$(pg_config --bindir 2>/dev/null || true)"
        if [ -n "$d" ] && has_server_bins "$d"; then BINDIR="$d"; return 0; fi
    fi
    for d in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -t/ -k5,5 -rn); do
        if has_server_bins "$d"; then BINDIR="$d"; return 0; fi
    done
    return 1
}

ensure_bindir() {
    find_bindir && return 0
    apt_install postgresql
    find_bindir || die "postgresql installed, but no initdb found under /usr/lib/postgresql/*/bin"
}

# Run a PostgreSQL server program as the cluster's owner. fd 9 (our lock) is
# closed so that a started postmaster does not inherit it.
as_pg() {
    if is_root; then
        runuser -u "$SYS_USER" -- "$@" 9>&-
    else
        "$@" 9>&-
    fi
}

ensure_sys_user() {
    is_root || return 0
    if ! id -u "$SYS_USER" >/dev/null 2>&1; then
        log "creating system user $SYS_USER"
        useradd --system --user-group --no-create-home --home-dir /nonexistent \
            --shell /usr/sbin/nologin "$SYS_USER"
    fi
}

# As root: make sure $SYS_USER can reach $PGROOT (x on every parent). Only
# the directories that are not traversable get o+x.
ensure_traversable() {
    is_root || return 0
    local d="$PGROOT"
    local -a chain=()
    while :; do
        chain=("$d" "${chain[@]}")
        [ "$d" = / ] && break
        d="$(dirname "$d")"
    done
    # Top-down, so that each test checks only that one directory.
    for d in "${chain[@]}"; do
        if ! runuser -u "$SYS_USER" -- test -x "$d" 2>/dev/null; then
            log "chmod o+x $d (so that $SYS_USER can reach $PGROOT)"
            chmod o+x "$d"
        fi
    done
}

prepare_dirs() {
    mkdir -p "$PGROOT"
    chmod 755 "$PGROOT"
    local d
    for d in "$DATA" "$RUNDIR" "$LOGDIR"; do
        [ -d "$d" ] || mkdir -m 700 "$d"
    done
    if is_root; then
        # The server's own directories belong to $SYS_USER; var/pg itself and
        # the password file stay with the invoking user.
        local owner
        owner="$(stat -c %U "$DATA")"
        if [ "$owner" != "$SYS_USER" ]; then
            [ ! -e "$DATA/postmaster.pid" ] \
                || die "$DATA belongs to $owner and has a postmaster.pid; stop that server first"
            log "chown -R $SYS_USER $DATA"
            chown -R "$SYS_USER:$SYS_USER" "$DATA"
        fi
        chown -R "$SYS_USER:$SYS_USER" "$RUNDIR" "$LOGDIR"
    else
        [ -O "$DATA" ] || die "$DATA belongs to $(stat -c %U "$DATA"), not to $(id -un).
Run this script as that user (or as root), or set DATABASE_URL."
    fi
    chmod 700 "$DATA" "$RUNDIR"
}

# --------------------------------------------------------------------------
# Cluster
# --------------------------------------------------------------------------

ensure_password() {
    if [ ! -s "$PWFILE" ]; then
        log "generating a password in $PWFILE"
        (umask 077; od -An -tx1 -N16 /dev/urandom | tr -d ' \n' >"$PWFILE")
        NEW_PASSWORD=1
    fi
    chmod 600 "$PWFILE"
    PASSWORD="$(cat "$PWFILE")"
}

initdb_once() {
    [ -f "$DATA/PG_VERSION" ] && return 0
    local locale_args=(--no-locale)
    if locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$'; then
        locale_args=(--locale=C.UTF-8)
    fi
    # initdb reads the password from a file that the server user can read.
    local tmp="$RUNDIR/initdb-password"
    (umask 077; printf '%s\n' "$PASSWORD" >"$tmp")
    if is_root; then chown "$SYS_USER:$SYS_USER" "$tmp"; fi
    log "initdb $DATA ($("$BINDIR/postgres" --version))"
    if ! as_pg "$BINDIR/initdb" -D "$DATA" -U "$DB_USER" \
            --auth-local=trust --auth-host=scram-sha-256 --pwfile="$tmp" \
            -E UTF8 "${locale_args[@]}" >&2; then
        rm -f "$tmp"
        die "initdb failed"
    fi
    rm -f "$tmp"
    NEW_PASSWORD=0   # the password was set by initdb itself
    # Our settings live in okienko.conf, included at the end of postgresql.conf.
    as_pg tee -a "$DATA/postgresql.conf" >/dev/null <<'EOF'

# Okienko dev settings: okienko.conf is rewritten by scripts/pg.sh on each start.
include_if_exists = 'okienko.conf'
EOF
}

# True when the postmaster of $DATA is alive. A killed postmaster that nobody
# reaped (zombie, e.g. in a container without an init) counts as stopped.
is_running() {
    as_pg "$BINDIR/pg_ctl" status -D "$DATA" >/dev/null 2>&1 || return 1
    local pid state
    pid="$(as_pg head -n 1 "$DATA/postmaster.pid" 2>/dev/null || true)"
    [ -n "$pid" ] || return 1
    state="$(proc_state "$pid")"
    [ -n "$state" ] && [ "$state" != Z ]
}

proc_state() { awk '/^State:/ { print $2 }' "/proc/$1/status" 2>/dev/null || true; }

# A postmaster killed with SIGKILL stays a zombie until PID 1 reaps it, and
# while it does, a new postmaster refuses to start ("lock file
# postmaster.pid already exists"). Wait for the reaping; if it does not come
# and no process of the old server is left, remove the stale lock file.
clear_stale_pid() {
    local pid i p
    pid="$(as_pg head -n 1 "$DATA/postmaster.pid" 2>/dev/null || true)"
    [ -n "$pid" ] && [ "$(proc_state "$pid")" = Z ] || return 0
    log "old postmaster (PID $pid) was killed; waiting for it to be reaped"
    for i in $(seq 1 50); do
        sleep 0.2
        [ "$(proc_state "$pid")" = Z ] || return 0
    done
    for p in /proc/[0-9]*; do
        [ "${p#/proc/}" = "$pid" ] && continue
        if [ "$(readlink "$p/cwd" 2>/dev/null || true)" = "$DATA" ]; then
            die "processes of the old server (e.g. PID ${p#/proc/}) still run in $DATA"
        fi
    done
    log "removing stale $DATA/postmaster.pid"
    as_pg rm -f "$DATA/postmaster.pid"
}

is_ready() { "$BINDIR/pg_isready" -q -h 127.0.0.1 -p "$PORT" -d postgres -U "$DB_USER"; }

# Wait (30 s at most) until the server accepts connections. Returns 1 when
# the postmaster is gone or the time is up.
wait_ready() {
    local i
    for i in $(seq 1 150); do   # 150 x 0.2 s = 30 s
        is_ready && return 0
        if [ $((i % 5)) -eq 0 ] && ! is_running; then return 1; fi
        sleep 0.2
    done
    return 1
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

choose_port() {
    if [ -n "${PGPORT:-}" ]; then
        PORT="$PGPORT"
        port_in_use "$PORT" && die "port $PORT (PGPORT) is already in use on 127.0.0.1"
        return 0
    fi
    local p first="$DEFAULT_PORT"
    if [ -s "$PORTFILE" ]; then first="$(cat "$PORTFILE")"; fi
    for p in "$first" $(seq "$DEFAULT_PORT" $((DEFAULT_PORT + 10)) | grep -vx "$first"); do
        if ! port_in_use "$p"; then PORT="$p"; return 0; fi
        log "port $p is in use, trying another"
    done
    die "no free port in $DEFAULT_PORT..$((DEFAULT_PORT + 10)); set PGPORT"
}

write_conf() {
    local sockdir="${RUNDIR//\'/\'\'}"
    as_pg tee "$DATA/okienko.conf" >/dev/null <<EOF
# Written by scripts/pg.sh; overwritten on every start.
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$sockdir'
max_connections = 200
# Dev/test speed-up; committed data survives a clean restart (fsync stays on).
synchronous_commit = off
shared_buffers = 128MB
log_line_prefix = '%m [%p] %q%u@%d '
EOF
}

start_cluster() {
    choose_port
    write_conf
    printf '%s\n' "$PORT" >"$PORTFILE"
    clear_stale_pid
    log "starting PostgreSQL on 127.0.0.1:$PORT (log: $LOGFILE)"
    as_pg "$BINDIR/pg_ctl" start -D "$DATA" -l "$LOGFILE" -W >&2 \
        || { tail -n 20 "$LOGFILE" >&2 || true; die "pg_ctl start failed"; }
    wait_ready && return 0
    tail -n 20 "$LOGFILE" >&2 || true
    die "PostgreSQL did not become ready on port $PORT"
}

psql_admin() {
    PGPASSWORD="$PASSWORD" PGCONNECT_TIMEOUT=10 "$BINDIR/psql" -X -q -v ON_ERROR_STOP=1 \
        "host=127.0.0.1 port=$PORT user=$DB_USER dbname=postgres" "$@"
}

ensure_database() {
    if [ "${NEW_PASSWORD:-0}" = 1 ]; then
        # The password file was lost but the cluster exists: reset the
        # password over the (trust) unix socket.
        log "setting a new password for role $DB_USER"
        as_pg "$BINDIR/psql" -X -q -v ON_ERROR_STOP=1 -h "$RUNDIR" -p "$PORT" -U "$DB_USER" -d postgres \
            -c "ALTER ROLE $DB_USER PASSWORD '$PASSWORD'" >&2
    fi
    local exists
    exists="$(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")"
    if [ "$exists" != 1 ]; then
        log "creating database $DB_NAME"
        psql_admin -c "CREATE DATABASE $DB_NAME OWNER $DB_USER" >&2
    fi
}

# The application's role, with a password of its own, made or reset on every start.
ensure_app_role() {
    if [ ! -s "$APP_PWFILE" ]; then
        log "generating a password for role $APP_USER in $APP_PWFILE"
        (umask 077; od -An -tx1 -N16 /dev/urandom | tr -d ' \n' >"$APP_PWFILE")
    fi
    chmod 600 "$APP_PWFILE"
    APP_PASSWORD="$(cat "$APP_PWFILE")"
    psql_admin >&2 <<EOF
SELECT format('CREATE ROLE %I LOGIN', '$APP_USER')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$APP_USER') \\gexec
ALTER ROLE $APP_USER LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '$APP_PASSWORD';
EOF
}

lock() {
    [ -w "$PGROOT" ] || die "$PGROOT is not writable by $(id -un) (made by root?).
Run this script as root, or set DATABASE_URL."
    exec 9>"$LOCKFILE"
    flock -w 120 9 || die "another scripts/pg.sh holds $LOCKFILE"
}

cmd_start() {
    local url
    if [ -n "${DATABASE_URL:-}" ]; then
        print_url "$DATABASE_URL"; return 0
    fi
    url="$(dotenv_database_url)"
    if [ -n "$url" ]; then
        log "using DATABASE_URL from $ROOT/.env"
        print_url "$url"; return 0
    fi

    mkdir -p "$PGROOT"
    lock
    ensure_bindir
    ensure_sys_user
    prepare_dirs
    ensure_traversable
    ensure_password
    initdb_once
    if is_running; then
        PORT="$(cat "$PORTFILE" 2>/dev/null || true)"
        [ -n "$PORT" ] || die "cluster is running but $PORTFILE is missing; run: scripts/pg.sh stop"
        if [ -n "${PGPORT:-}" ] && [ "$PGPORT" != "$PORT" ]; then
            log "warning: cluster already runs on port $PORT (PGPORT=$PGPORT ignored; scripts/pg.sh stop to change)"
        fi
        if ! is_ready; then
            log "server is running but not accepting connections yet; waiting"
            if ! wait_ready; then
                if is_running; then
                    tail -n 20 "$LOGFILE" >&2 || true
                    die "PostgreSQL ($DATA) runs but does not answer on port $PORT"
                fi
                start_cluster
            fi
        fi
    else
        start_cluster
    fi
    ensure_database
    ensure_app_role
    local owner="postgres://$DB_USER:$PASSWORD@127.0.0.1:$PORT/$DB_NAME"
    print_url "$owner"
    printf 'export DATABASE_OWNER_URL=%q\n' "$owner"
    printf 'export DATABASE_APP_URL=%q\n' "postgres://$APP_USER:$APP_PASSWORD@127.0.0.1:$PORT/$DB_NAME"
}

cmd_stop() {
    if [ ! -f "$DATA/PG_VERSION" ]; then log "no cluster in $DATA"; return 0; fi
    find_bindir || die "PostgreSQL server binaries not found"
    lock
    if is_running; then
        log "stopping PostgreSQL ($DATA)"
        as_pg "$BINDIR/pg_ctl" stop -D "$DATA" -m fast -w -t 60 >&2
    else
        log "not running"
    fi
}

cmd_status() {
    if [ ! -f "$DATA/PG_VERSION" ]; then log "no cluster in $DATA"; return 3; fi
    find_bindir || die "PostgreSQL server binaries not found"
    as_pg "$BINDIR/pg_ctl" status -D "$DATA" >&2
}

case "${1:-start}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    -h|--help|help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2 ;;
    *) die "unknown command '$1' (expected start, stop or status)" ;;
esac
