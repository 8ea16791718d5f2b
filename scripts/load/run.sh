#!/usr/bin/env bash
# Load test of the clerk's desk (see scripts/load/README.md): a year of a busy
# office in a throw-away database, the release build on loopback, 50 clerks
# signed in at once, then two wrk runs:
#   A  GET /desk (the desk view), over and over;
#   B  "call next": POST /desk/call-next, GET /desk, POST .../no-show, again.
# Prints requests/s and p50/p90/p99 latency per scenario, and the errors.
#
# Usage: scripts/load/run.sh        (or: make load)
#
# Environment (defaults):
#   LOAD_CLERKS=50         clerks signed in at once = wrk threads = connections (1..99)
#   LOAD_VISITS=250000     finished visits over the past 365 days
#   LOAD_WAITING=2000      clients waiting today (kept at this level during B)
#   LOAD_DURATION=20s      length of each measured wrk run (5s..60s)
#   LOAD_WARMUP=5s         unmeasured GET /desk run before A
#   LOAD_PORT=18080        the server listens on 127.0.0.1:LOAD_PORT
#   LOAD_DB_CONNECTIONS=20 the server's pool (DB_MAX_CONNECTIONS)
#   LOAD_SLOW_MS=100       statements slower than this are logged by PostgreSQL
#   LOAD_THINK_MS=0        pause per clerk before each request (0 = flat out)
#   JOBS=2, CARGO=cargo    for the release build
#
# Output: var/load/ (server.log, wrk-*.txt, slow-queries.log, summary.txt).
# The database okienko_load is dropped and made again on each run, and left in
# place afterwards for a look with psql.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/scripts/load"
OUT="$ROOT/var/load"
cd "$ROOT"

CLERKS="${LOAD_CLERKS:-50}"
VISITS="${LOAD_VISITS:-250000}"
WAITING="${LOAD_WAITING:-2000}"
DURATION="${LOAD_DURATION:-20s}"
WARMUP="${LOAD_WARMUP:-5s}"
PORT="${LOAD_PORT:-18080}"
DB_CONNECTIONS="${LOAD_DB_CONNECTIONS:-20}"
SLOW_MS="${LOAD_SLOW_MS:-100}"
JOBS="${JOBS:-2}"
CARGO="${CARGO:-cargo}"

DB_NAME=okienko_load
# The password of the demo accounts (src/demo.rs); load01... share the hash of `clerk`.
PASSWORD=okienko-demo-2026
BIND="127.0.0.1:$PORT"
BASE="http://$BIND"
BIN="${CARGO_TARGET_DIR:-target}/release/okienko"

log() { printf 'load: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

is_int() { [[ "$1" =~ ^[0-9]+$ ]]; }
seconds() {   # 20s, 1m or 20 -> 20, 60, 20
    case "$1" in
        *m) echo $(( ${1%m} * 60 )) ;;
        *s) echo "${1%s}" ;;
        *) echo "$1" ;;
    esac
}

in_range() { is_int "$1" && [ "$1" -ge "$2" ] && [ "$1" -le "$3" ]; }
in_range "$CLERKS" 1 99 || die "LOAD_CLERKS must be 1..99"
in_range "$VISITS" 0 10000000 || die "LOAD_VISITS must be a number"
in_range "$WAITING" "$CLERKS" 20000 || die "LOAD_WAITING must be a number, LOAD_CLERKS..20000"
in_range "$PORT" 1024 65535 || die "LOAD_PORT must be a port number"
in_range "$DB_CONNECTIONS" 1 500 || die "LOAD_DB_CONNECTIONS must be 1..500"
is_int "$SLOW_MS" || die "LOAD_SLOW_MS must be a number of milliseconds"
if ! [[ "$DURATION" =~ ^[0-9]+[sm]?$ ]] || ! in_range "$(seconds "$DURATION")" 5 60; then
    die "LOAD_DURATION must be 5s..60s"
fi
[[ "$WARMUP" =~ ^[0-9]+[sm]?$ ]] || die "LOAD_WARMUP must be a duration such as 5s"

# ---------------------------------------------------------------------------
# Tools
# ---------------------------------------------------------------------------

for tool in curl psql awk; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is needed"
done
if ! command -v wrk >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ]; then
        log "installing wrk (apt-get install wrk)"
        DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y wrk >&2 \
            || { apt-get -o DPkg::Lock::Timeout=600 update >&2 \
                 && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y wrk >&2; }
    else
        die "wrk is needed: sudo apt-get install wrk"
    fi
fi
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
    die "port $PORT is in use on 127.0.0.1 (set LOAD_PORT)"
fi

mkdir -p "$OUT"
rm -f "$OUT"/wrk-*.txt "$OUT/summary.txt" "$OUT/slow-queries.log" "$OUT/refill.txt" "$OUT/sessions.txt"
rm -rf "$OUT/jars"

SERVER_PID=""
REFILL_PID=""
cleanup() {
    if [ -n "$REFILL_PID" ]; then kill "$REFILL_PID" 2>/dev/null || true; wait "$REFILL_PID" 2>/dev/null || true; fi
    if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    # the session cookies are only good for the throw-away database, but still
    rm -rf "$OUT/jars" "$OUT/sessions.txt"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------------------
# Release build (first: a tree that does not build leaves nothing behind)
# ---------------------------------------------------------------------------

log "release build"
SQLX_OFFLINE=true "$CARGO" build --release -j "$JOBS" >&2
[ -x "$BIN" ] || die "no binary at $BIN"

# ---------------------------------------------------------------------------
# Database: okienko_load on the server of scripts/pg.sh
# ---------------------------------------------------------------------------

pg_env="$(scripts/pg.sh)"
eval "$pg_env"
base_url="${DATABASE_URL%%\?*}"
query=""
case "$DATABASE_URL" in *\?*) query="?${DATABASE_URL#*\?}" ;; esac
ADMIN_URL="$DATABASE_URL"
LOAD_URL="${base_url%/*}/$DB_NAME$query"
[ "${base_url##*/}" != "$DB_NAME" ] || die "DATABASE_URL already names $DB_NAME"

psql_admin() { psql -X -q -v ON_ERROR_STOP=1 "$ADMIN_URL" "$@"; }
psql_load() { psql -X -q -v ON_ERROR_STOP=1 "$LOAD_URL" "$@"; }
sql() { psql_load -tAc "$1"; }

log "recreating database $DB_NAME"
psql_admin -c "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)" -c "CREATE DATABASE $DB_NAME"
# Statements slower than LOAD_SLOW_MS go to PostgreSQL's log (new connections only).
psql_admin -c "ALTER DATABASE $DB_NAME SET log_min_duration_statement = '${SLOW_MS}ms'"

# ---------------------------------------------------------------------------
# Migrate, demo data, seed
# ---------------------------------------------------------------------------

# The server's settings; a .env file does not override these (dotenv keeps what is set).
export DATABASE_URL="$LOAD_URL"
export BIND_ADDR="$BIND" PUBLIC_URL="$BASE" COOKIE_SECURE=false
export LOGIN_RATE_BURST=10000   # the highest allowed: 50 sign-ins from 127.0.0.1 at once
export DB_MAX_CONNECTIONS="$DB_CONNECTIONS" LOG_LEVEL=warn LOG_FORMAT=text NO_COLOR=1
export TIME_ZONE=Europe/Warsaw  # seed.sql's office hours and "today" are in this zone
export SHUTDOWN_GRACE=5s
unset RUST_LOG

"$BIN" migrate >&2
"$BIN" demo-data >/dev/null
log "seeding: $CLERKS clerks, $VISITS past visits, $WAITING waiting today"
seed_start=$SECONDS
psql_load -v clerks="$CLERKS" -v visits="$VISITS" -v waiting="$WAITING" -f "$HERE/seed.sql" >/dev/null
log "seeded in $((SECONDS - seed_start)) s"

# ---------------------------------------------------------------------------
# Server
# ---------------------------------------------------------------------------

PGLOG="$ROOT/var/pg/log/postgresql.log"
pglog_start=0
if [ -r "$PGLOG" ]; then pglog_start="$(stat -c %s "$PGLOG")"; fi

log "starting $BIN serve on $BIND (log: var/load/server.log)"
"$BIN" serve >"$OUT/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
    if curl -fsS -o /dev/null "$BASE/readyz" 2>/dev/null; then break; fi
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 20 "$OUT/server.log" >&2; die "the server stopped"; }
    sleep 0.2
done
curl -fsS -o /dev/null "$BASE/readyz" || die "the server is not ready after 20 s"

# ---------------------------------------------------------------------------
# Sign in the clerks and open their desks
# ---------------------------------------------------------------------------

# The first form's CSRF token in the page on stdin (reads all of it: no SIGPIPE for curl).
csrf_of() { sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | sed -n 1p; }

# sign_in LOGIN DESK_ID: prints "okienko_session=...<TAB>csrf token"
sign_in() {
    local login="$1" desk_id="$2" jar="$OUT/jars/$1" token status cookie page
    token="$(curl -sS -c "$jar" -b "$jar" "$BASE/login" | csrf_of)"
    [ -n "$token" ] || { log "$login: no CSRF token on /login"; return 1; }
    status="$(curl -sS -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" \
        --data-urlencode "_csrf=$token" --data-urlencode "login=$login" \
        --data-urlencode "password=$PASSWORD" "$BASE/login")"
    [ "$status" = 303 ] || { log "$login: POST /login answered $status"; return 1; }
    token="$(curl -sS -c "$jar" -b "$jar" "$BASE/desk" | csrf_of)"
    [ -n "$token" ] || { log "$login: no CSRF token on /desk"; return 1; }
    status="$(curl -sS -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" \
        --data-urlencode "_csrf=$token" --data-urlencode "desk_id=$desk_id" "$BASE/desk/open")"
    [ "$status" = 303 ] || { log "$login: POST /desk/open answered $status"; return 1; }
    page="$(curl -sS -c "$jar" -b "$jar" "$BASE/desk")"
    [[ "$page" == *'action="/desk/close"'* ]] || { log "$login: the desk did not open"; return 1; }
    # curl writes HttpOnly cookies as "#HttpOnly_host ..." lines: field 6 is the name
    cookie="$(awk -F '\t' '$6 == "okienko_session" { v = $7 } END { print v }' "$jar")"
    [ -n "$cookie" ] || { log "$login: no session cookie"; return 1; }
    printf 'okienko_session=%s\t%s\n' "$cookie" "$token"
}

log "signing in $CLERKS clerks and opening their desks"
(umask 077; mkdir -p "$OUT/jars"; : >"$OUT/sessions.txt")
mapfile -t clerk_desks < <(sql "select s.login || ' ' || k.desk_id from staff s join desk k on k.number = 'L' || substr(s.login, 5)
                                where s.login ~ '^load[0-9]+\$' order by s.login")
[ "${#clerk_desks[@]}" -eq "$CLERKS" ] || die "expected $CLERKS load clerks, found ${#clerk_desks[@]}"
for row in "${clerk_desks[@]}"; do
    sign_in "${row%% *}" "${row#* }" >>"$OUT/sessions.txt" || die "signing in ${row%% *} failed"
done

# ---------------------------------------------------------------------------
# Data sizes
# ---------------------------------------------------------------------------

IFS='|' read -r n_visits n_done n_waiting n_staff n_clerks n_desks n_days db_size < <(sql "
    select (select count(*) from visit),
           (select count(*) from visit where status = 'done'),
           (select count(*) from visit where status = 'waiting'),
           (select count(*) from staff),
           (select count(distinct staff_id) from staff_role where role = 'clerk'),
           (select count(*) from desk),
           (select count(distinct ticket_day) from visit where status = 'done'),
           pg_size_pretty(pg_database_size(current_database()))")

visit_stats() {
    sql "select seq_scan, seq_tup_read, coalesce(idx_scan, 0) from pg_stat_user_tables where relname = 'visit'"
}
stats_before="$(visit_stats)"

# ---------------------------------------------------------------------------
# wrk runs
# ---------------------------------------------------------------------------

# CPU time, in clock ticks: the machine's busy and total time (/proc/stat), the
# server's, and PostgreSQL's (all processes named postgres; backends that end
# during a run, e.g. those of the refill, are missed).
cpu_snapshot() {
    local machine server pg
    machine="$(awk '$1 == "cpu" { t = 0; for (i = 2; i <= NF; i++) t += $i; print t - $5 - $6, t; exit }' /proc/stat)"
    server="$(awk '{ print $14 + $15 }' "/proc/$SERVER_PID/stat" 2>/dev/null || echo 0)"
    pg="$( { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk '$2 == "(postgres)" { s += $14 + $15 } END { print s + 0 }')"
    echo "$machine $server $pg"
}
TICKS="$(getconf CLK_TCK)"
NCPU="$(nproc)"

# cpu_line BEFORE AFTER: "machine 98% busy; CPU time: server 13.5 s, PostgreSQL 20.5 s, ..."
cpu_line() {
    local b_busy b_total b_server b_pg a_busy a_total a_server a_pg
    read -r b_busy b_total b_server b_pg <<<"$1"
    read -r a_busy a_total a_server a_pg <<<"$2"
    awk -v busy=$((a_busy - b_busy)) -v total=$((a_total - b_total)) -v server=$((a_server - b_server)) \
        -v pg=$((a_pg - b_pg)) -v hz="$TICKS" -v n="$NCPU" 'BEGIN {
            printf "machine %.0f%% busy; CPU time: server %.1f s, PostgreSQL %.1f s, wrk and the rest %.1f s, of %.1f s (%d CPUs)\n",
                100 * busy / total, server / hz, pg / hz, (busy - server - pg) / hz, total / hz, n }'
}

# run_wrk SCENARIO DURATION FILE: wrk's output, then a "CPU ..." line
run_wrk() {
    local before after
    before="$(cpu_snapshot)"
    LOAD_SESSIONS="$OUT/sessions.txt" LOAD_SCENARIO="$1" \
        wrk -t"$CLERKS" -c"$CLERKS" -d"$2" --timeout 10s --latency -s "$HERE/desk.lua" "$BASE" >"$3" 2>&1 \
        || { cat "$3" >&2; die "wrk failed ($1)"; }
    after="$(cpu_snapshot)"
    echo "CPU $(cpu_line "$before" "$after")" >>"$3"
}

log "warm-up: GET /desk for $WARMUP (not counted)"
run_wrk view "$WARMUP" "$OUT/wrk-warmup.txt"

log "scenario A: GET /desk, $CLERKS clerks, $DURATION"
run_wrk view "$DURATION" "$OUT/wrk-a-desk-view.txt"
cat "$OUT/wrk-a-desk-view.txt" >&2

# During B an information point keeps registering clients: every second the
# queue is brought back up to LOAD_WAITING, so that "call next" finds somebody.
sql "select load_refill($WAITING, interval '1 second')" >>"$OUT/refill.txt"
(
    while :; do
        sql "select load_refill($WAITING, interval '1 second')" >>"$OUT/refill.txt" 2>/dev/null || true
        sleep 1
    done
) &
REFILL_PID=$!

log "scenario B: call next -> desk -> did not come, $CLERKS clerks, $DURATION"
run_wrk call "$DURATION" "$OUT/wrk-b-call-next.txt"
cat "$OUT/wrk-b-call-next.txt" >&2

kill "$REFILL_PID" 2>/dev/null || true
wait "$REFILL_PID" 2>/dev/null || true
REFILL_PID=""
refilled="$(awk '{ s += $1 } END { print s + 0 }' "$OUT/refill.txt")"

# Stop the server: its connections close and PostgreSQL counts their statistics.
kill "$SERVER_PID" 2>/dev/null || true
wait "$SERVER_PID" 2>/dev/null || true
SERVER_PID=""
sleep 1
read -r seq_before tup_before idx_before <<<"${stats_before//|/ }"
read -r seq_after tup_after idx_after <<<"$(visit_stats | tr '|' ' ')"
waiting_after="$(sql "select count(*) from visit where status = 'waiting'")"
no_show_total="$(sql "select count(*) from visit where status = 'no_show'")"

# Slow statements of okienko_load in PostgreSQL's log, with their continuation
# lines. Those of this script's psql (simple protocol, logged as "statement:")
# are left out: the server's go through sqlx's extended protocol (parse, bind,
# execute).
n_slow="n/a (PostgreSQL log not readable)"
if [ -r "$PGLOG" ]; then
    tail -c "+$((pglog_start + 1))" "$PGLOG" | awk -v db="@$DB_NAME " '
        /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] / {
            keep = index($0, db) > 0 && index($0, "duration:") > 0 && index($0, " statement: ") == 0
        }
        keep' >"$OUT/slow-queries.log"
    n_slow="$(grep -c 'duration:' "$OUT/slow-queries.log" || true)"
fi
n_warn="$(grep -c ' WARN ' "$OUT/server.log" || true)"
n_error="$(grep -c ' ERROR ' "$OUT/server.log" || true)"
n_5xx_log="$(grep -cE 'status=5[0-9]{2}' "$OUT/server.log" || true)"

# ---------------------------------------------------------------------------
# Summary
# ---------------------------------------------------------------------------

# field NAME LINE: the value of NAME=... in a RESULT line
field() { tr ' ' '\n' <<<"$2" | sed -n "s/^$1=//p"; }

scenario_block() {   # TITLE FILE
    local line
    line="$(grep '^RESULT ' "$2" || true)"
    if [ -z "$line" ]; then
        printf '%s\n  no result (see %s)\n' "$1" "${2#"$ROOT"/}"
        return
    fi
    printf '%s\n' "$1"
    printf '  requests/s     %s   (%s requests in %s s)\n' "$(field rps "$line")" "$(field requests "$line")" "$(field seconds "$line")"
    printf '  latency        p50 %s ms   p90 %s ms   p99 %s ms   max %s ms\n' \
        "$(field p50_ms "$line")" "$(field p90_ms "$line")" "$(field p99_ms "$line")" "$(field max_ms "$line")"
    printf '  responses      2xx %s   3xx %s   4xx %s   5xx %s   other %s\n' \
        "$(field s2xx "$line")" "$(field s3xx "$line")" "$(field s4xx "$line")" "$(field s5xx "$line")" "$(field sother "$line")"
    printf '  errors         unexpected status %s   socket errors %s   timeouts %s\n' \
        "$(field unexpected "$line")" "$(field socket_errors "$line")" "$(field timeouts "$line")"
    sed -n 's/^CPU /  cpu            /p' "$2"
    if [ "$(field scenario "$line")" = call ]; then
        printf '  calls          called %s   did not come %s   found nobody %s\n' \
            "$(field called "$line")" "$(field no_shows "$line")" "$(field empty "$line")"
    fi
}

# which code was measured: the commit, "+changes" when the working tree differs
rev="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
if ! git diff --quiet HEAD -- src templates migrations static Cargo.toml Cargo.lock 2>/dev/null \
    || [ -n "$(git ls-files --others --exclude-standard -- src templates migrations 2>/dev/null)" ]; then
    rev="$rev+changes"
fi

{
    echo
    echo "================ Okienko load test ($(date '+%Y-%m-%d %H:%M'), release build of $rev, $BIND) ================"
    echo "data     visits $n_visits ($n_done done over $n_days working days, $n_waiting waiting today)"
    echo "         staff $n_staff ($n_clerks clerks), desks $n_desks, database $db_size"
    echo "server   DB_MAX_CONNECTIONS=$DB_CONNECTIONS, $NCPU CPUs shared by wrk, the server and PostgreSQL"
    echo "wrk      $CLERKS threads x 1 connection (one signed-in clerk each), $DURATION per scenario"
    echo
    scenario_block "A  desk view: GET /desk" "$OUT/wrk-a-desk-view.txt"
    echo
    scenario_block "B  call next: POST /desk/call-next, GET /desk, POST /desk/visits/<id>/no-show" "$OUT/wrk-b-call-next.txt"
    echo "  queue          $refilled clients added during B, $waiting_after waiting at the end, $no_show_total marked no-show in all"
    echo
    echo "visit    while the server ran: $((seq_after - seq_before)) sequential scans ($((tup_after - tup_before)) rows read), $((idx_after - idx_before)) index scans"
    echo "server   log lines: WARN $n_warn, ERROR $n_error, 5xx $n_5xx_log  (var/load/server.log)"
    # the most frequent messages, without the time stamp
    grep -E ' (WARN|ERROR) ' "$OUT/server.log" | cut -d ' ' -f 2- | cut -c 1-150 | sort | uniq -c | sort -rn | head -n 5 \
        | sed 's/^/        /' || true
    echo "postgres statements over ${SLOW_MS} ms: $n_slow  (var/load/slow-queries.log)"
    echo "=========================================================================================================="
} | tee "$OUT/summary.txt"
