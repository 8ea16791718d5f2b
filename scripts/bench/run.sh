#!/usr/bin/env bash
# `make bench`: the bare stack (../shared/baseline) and Okienko back to back on
# this machine, on a throw-away PostgreSQL cluster of its own (scripts/bench/pg.sh,
# var/bench/pg, port 54361; never the dev cluster), then one table with the ratios.
#
#   1. release builds: Okienko, its hall display client (src/bin/hall_bench.rs),
#      the bare stack (copied to var/bench/baseline, built there);
#   2. the bare stack: its own data (250,000 visits, 10,000 sessions), wrk on
#      GET /session-page and POST /answer, 50 threads x 1 connection each;
#   3. Okienko with a year of data: scripts/load/run.sh, scenarios A-H;
#   4. Okienko with ten years of data: the monthly sheet again (D);
#   5. the table: var/bench/table.md (and on stdout).
#
# Environment: BENCH_DURATION (20s), BENCH_WARMUP (5s), BENCH_TEN_YEARS (1: run
# step 4; 0: skip it), BENCH_PG_PORT (54361), BENCH_BARE_PORT (18099),
# BENCH_BASELINE_SRC (../shared/baseline), BENCH_RESEED (0: keep the ten-year
# database of an earlier run), JOBS (2), and scripts/load/run.sh's
# LOAD_* settings.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
OUT="$ROOT/var/bench"
DURATION="${BENCH_DURATION:-20s}"
WARMUP="${BENCH_WARMUP:-5s}"
TEN_YEARS="${BENCH_TEN_YEARS:-1}"
BARE_PORT="${BENCH_BARE_PORT:-18099}"
BASELINE_SRC="${BENCH_BASELINE_SRC:-$ROOT/../shared/baseline}"
CONC="${LOAD_CLERKS:-50}"
JOBS="${JOBS:-2}"
CARGO="${CARGO:-cargo}"
export JOBS CARGO
log() { printf 'bench: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }
mkdir -p "$OUT"

BARE_PID=""
cleanup() {
    if [ -n "$BARE_PID" ]; then kill "$BARE_PID" 2>/dev/null || true; wait "$BARE_PID" 2>/dev/null || true; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# BENCH_TABLE_ONLY=1: only the table, from the results of the last run in var/bench
if [ "${BENCH_TABLE_ONLY:-0}" != 1 ]; then
if ! command -v wrk >/dev/null 2>&1; then
    [ "$(id -u)" -eq 0 ] || die "wrk is needed: sudo apt-get install wrk"
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y wrk >&2 \
        || { apt-get -o DPkg::Lock::Timeout=600 update >&2 \
             && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y wrk >&2; }
fi

# 1. builds
log "release builds"
SQLX_OFFLINE=true "$CARGO" build --release -j "$JOBS" --bin okienko --bin hall_bench >&2
[ -d "$BASELINE_SRC" ] || die "no bare stack at $BASELINE_SRC (BENCH_BASELINE_SRC)"
mkdir -p "$OUT/baseline"
cp -r "$BASELINE_SRC/Cargo.toml" "$BASELINE_SRC/Cargo.lock" "$BASELINE_SRC/src" "$BASELINE_SRC/templates" \
    "$BASELINE_SRC/setup.sql" "$BASELINE_SRC/seed.sql" "$OUT/baseline/"
chmod -R u+w "$OUT/baseline"
(cd "$OUT/baseline" && "$CARGO" build --release -j "$JOBS" --quiet) >&2
BARE_BIN="$OUT/baseline/target/release/fortunes"

# 2. the cluster, then the bare stack
pg_env="$(scripts/bench/pg.sh)"
eval "$pg_env"
ADMIN_URL="$BENCH_ADMIN_URL"
BARE_URL="${ADMIN_URL%/*}/fortunes"
psql -X -q -v ON_ERROR_STOP=1 "$ADMIN_URL" -c "drop database if exists fortunes with (force)" -c "create database fortunes"
psql -X -q -v ON_ERROR_STOP=1 "$BARE_URL" -f "$OUT/baseline/setup.sql" -f "$OUT/baseline/seed.sql" >/dev/null
log "bare stack on 127.0.0.1:$BARE_PORT"
DATABASE_URL="$BARE_URL" BIND_ADDR="127.0.0.1:$BARE_PORT" POOL="${LOAD_DB_CONNECTIONS:-20}" "$BARE_BIN" 2>"$OUT/bare-server.log" &
BARE_PID=$!
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$BARE_PORT/plain" >/dev/null 2>&1 && break; sleep 0.1; done
sid="$(psql -X -At "$BARE_URL" -c 'select id from session order by id offset 4242 limit 1')"
bare_rss_max=0
bare() { # SCENARIO FILE
    local from
    BARE_SCENARIO="$1" BARE_COOKIE="$sid" wrk -t"$CONC" -c"$CONC" -d"$WARMUP" -s scripts/bench/bare.lua \
        "http://127.0.0.1:$BARE_PORT" >/dev/null
    : >"$OUT/bare-rss.txt"
    ( while kill -0 "$BARE_PID" 2>/dev/null; do awk '/^VmRSS/ { print $2 }' "/proc/$BARE_PID/status" >>"$OUT/bare-rss.txt" 2>/dev/null; sleep 0.2; done ) &
    from=$!
    BARE_SCENARIO="$1" BARE_COOKIE="$sid" wrk -t"$CONC" -c"$CONC" -d"$DURATION" --latency -s scripts/bench/bare.lua \
        "http://127.0.0.1:$BARE_PORT" >"$2"
    kill "$from" 2>/dev/null || true; wait "$from" 2>/dev/null || true
    awk -v hwm="$(awk '/^VmHWM/ { print $2 }' "/proc/$BARE_PID/status")" '{ if ($1 > m) m = $1 }
        END { printf "MEM rss_max_kb=%d hwm_kb=%d\n", m, hwm }' "$OUT/bare-rss.txt" >>"$2"
    grep '^RESULT' "$2" >&2
}
bare session "$OUT/bare-session.txt"
bare answer "$OUT/bare-answer.txt"
kill "$BARE_PID"; wait "$BARE_PID" 2>/dev/null || true; BARE_PID=""
psql -X -q "$ADMIN_URL" -c "drop database if exists fortunes with (force)"

# 3. Okienko, a year
export LOAD_ADMIN_URL="$ADMIN_URL" LOAD_PGLOG="$ROOT/var/bench/pg/server.log" LOAD_DURATION="$DURATION" LOAD_WARMUP="$WARMUP"
psql -X -q "$ADMIN_URL" -c "create extension if not exists pg_stat_statements" >/dev/null
log "Okienko, a year of data: scenarios A-H"
LOAD_SCENARIOS="A B C D E F G H" scripts/load/run.sh >&2
rm -rf "$OUT/okienko-1y"; cp -r var/load "$OUT/okienko-1y"

# 4. Okienko, ten years (the sheet)
if [ "$TEN_YEARS" = 1 ]; then
    log "Okienko, ten years of data: the monthly sheet"
    # seeded once (about three minutes on an idle machine) and kept in okienko_load_10y
    # for the next runs; BENCH_RESEED=1 seeds it again
    n="$(psql -X -At "${ADMIN_URL%/*}/okienko_load_10y" -c 'select count(*) from visit' 2>/dev/null || echo 0)"
    reuse=0
    if [ "${BENCH_RESEED:-0}" != 1 ] && [ "${n:-0}" -ge 2000000 ]; then reuse=1; fi
    LOAD_DB_NAME=okienko_load_10y LOAD_REUSE_DB=$reuse LOAD_VISITS=2500000 LOAD_ANSWERS=250000 LOAD_SCENARIOS="D" \
        scripts/load/run.sh >&2
    rm -rf "$OUT/okienko-10y"; cp -r var/load "$OUT/okienko-10y"
fi

fi

# 5. the table
field() { tr ' ' '\n' <<<"$2" | sed -n "s/^$1=//p" | head -n 1; }
result() { grep -h "^$1" "$2" 2>/dev/null | head -n 1 || true; }
mb() { awk -v k="${1:-0}" 'BEGIN { if (k == "") k = 0; printf "%.0f", k / 1024 }'; }
row() { # LABEL FILE BARE_FILE TARGET
    local line mem bline errors ratio="" bare_rps="" 
    line="$(result RESULT "$2")"
    mem="$(result MEM "$2")"
    if [ -z "$line" ]; then printf '| %s | no result | | | | | | | |\n' "$1"; return; fi
    errors=$(( $(field unexpected "$line") + $(field socket_errors "$line") + $(field timeouts "$line") ))
    if [ -n "$3" ]; then
        bline="$(result RESULT "$3")"
        bare_rps="$(field rps "$bline")"
        ratio="$(awk -v a="$(field rps "$line")" -v b="$bare_rps" 'BEGIN { if (b > 0) printf "%.2f", a / b }')"
    fi
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$1" "$(field rps "$line")" "$(field p50_ms "$line")" \
        "$(field p99_ms "$line")" "$errors" "$(mb "$(field rss_max_kb "$mem")")" "$(mb "$(field hwm_kb "$mem")")" \
        "${bare_rps:-}" "${ratio:-}" "$4"
}
Y1="$OUT/okienko-1y"
Y10="$OUT/okienko-10y"
p99_1y="$(field p99_ms "$(result RESULT "$Y1/wrk-d-monthly-sheet.txt")")"
p99_10y="$(field p99_ms "$(result RESULT "$Y10/wrk-d-monthly-sheet.txt")")"
sheet_ratio="$(awk -v a="$p99_10y" -v b="$p99_1y" 'BEGIN { if (b > 0) printf "%.2f", a / b }')"
hall="$(result HALL "$Y1/hall-f.txt")"
hall_mem="$(result MEM "$Y1/hall-f.txt")"
{
    echo "## $(date -u '+%Y-%m-%d %H:%M UTC'), $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src templates migrations Cargo.toml || echo +changes), $(nproc) CPUs ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo)"
    echo
    echo "wrk -t$CONC -c$CONC, $DURATION per scenario after a $WARMUP warm-up; the bare stack first, then Okienko; one PostgreSQL 15 cluster (var/bench/pg). Memory: the server's VmRSS sampled every 200 ms (max during the scenario) and VmHWM after it."
    echo
    echo "| scenario | req/s | p50 ms | p99 ms | errors | RSS max MB | peak (HWM) MB | bare req/s | ratio | target |"
    echo "|---|---|---|---|---|---|---|---|---|---|"
    row "bare: GET /session-page" "$OUT/bare-session.txt" "" ""
    row "bare: POST /answer" "$OUT/bare-answer.txt" "" ""
    row "A desk view (GET /desk)" "$Y1/wrk-a-desk-view.txt" "$OUT/bare-session.txt" "≥ 0.5x bare, p99 < 50 ms"
    row "B call next round (call, view, did not come)" "$Y1/wrk-b-call-next.txt" "" "p99 < 60 ms"
    row "C kiosk answer" "$Y1/wrk-c-kiosk-answer.txt" "$OUT/bare-answer.txt" "≥ 0.5x bare, p99 < 50 ms"
    row "D monthly sheet, 1 year" "$Y1/wrk-d-monthly-sheet.txt" "" "p99 < 200 ms"
    row "D monthly sheet, 10 years" "$Y10/wrk-d-monthly-sheet.txt" "" "p99 ≤ 2x 1 year: ${sheet_ratio:-?}x"
    row "E director's inbox (GET /home-visits)" "$Y1/wrk-e-inbox.txt" "" ""
    printf '| F hall display, %s screens, %s clerks calling | %s calls/s | %s | %s | missed %s, errors %s | %s | %s | | | every call on every screen < 1 s p99 (max %s ms, %s events) |\n' \
        "$(field screens "$hall")" "$CONC" "$(field calls_per_s "$hall")" "$(field p50_ms "$hall")" "$(field p99_ms "$hall")" \
        "$(field missed "$hall")" "$(field errors "$hall")" "$(mb "$(field rss_max_kb "$hall_mem")")" \
        "$(mb "$(field hwm_kb "$hall_mem")")" "$(field max_ms "$hall")" "$(field events "$hall")"
    row "G sign-in page (GET /login)" "$Y1/wrk-g-login-page.txt" "" ""
    row "H sign-in (POST /login, Argon2id)" "$Y1/wrk-h-sign-in.txt" "" "peak ≤ base + MAX_CONCURRENT_PASSWORD_HASHES x 19 MiB"
} | tee "$OUT/table.md"
