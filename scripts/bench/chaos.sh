#!/usr/bin/env bash
# `make chaos`: PostgreSQL really stopped and started again while clerks work.
# On the throw-away cluster of scripts/bench/pg.sh (var/bench/pg, port 54361;
# never the dev cluster), database okienko_chaos, the release build on
# 127.0.0.1:18081. Four clerks call, start and finish clients for CHAOS_SECONDS
# (20); after 5 s PostgreSQL stops (fast: every connection cut) for CHAOS_DOWN
# seconds (4) and starts again. Then it checks, and fails when any does not hold:
#   * every answer was 200, 303 or 503 (no 500), each within 5 s (failing fast);
#   * the outage was seen (some 503) and work went on after it (303 after it);
#   * /readyz answers 200 again by itself within 15 s of the restart;
#   * nothing half-written: every visit's times in order, every call and every
#     finished visit with exactly one audit record, no ticket number twice,
#     no survey invitation answered twice.
# The in-process variant of the same (a TCP relay cut instead of a restart) runs
# in `make test`: tests/it/outage.rs.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
OUT="$ROOT/var/chaos"
SECONDS_TOTAL="${CHAOS_SECONDS:-20}"
DOWN="${CHAOS_DOWN:-4}"
PORT="${CHAOS_PORT:-18081}"
BASE="http://127.0.0.1:$PORT"
BIN="${CARGO_TARGET_DIR:-target}/release/okienko"
log() { printf 'chaos: %s\n' "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }
mkdir -p "$OUT"; rm -f "$OUT"/*.txt
SQLX_OFFLINE=true "${CARGO:-cargo}" build --release -j "${JOBS:-2}" --bin okienko >&2
pg_env="$(scripts/bench/pg.sh)"; eval "$pg_env"
URL="${BENCH_ADMIN_URL%/*}/okienko_chaos"
psql -X -q "$BENCH_ADMIN_URL" -c "drop database if exists okienko_chaos with (force)" -c "create database okienko_chaos"
export DATABASE_URL="$URL" BIND_ADDR="127.0.0.1:$PORT" PUBLIC_URL="$BASE" COOKIE_SECURE=false LOG_LEVEL=warn \
    DB_ACQUIRE_TIMEOUT=1s SHUTDOWN_GRACE=5s TIME_ZONE=Europe/Warsaw
"$BIN" migrate >/dev/null
"$BIN" demo-data >/dev/null
SERVER_PID=""
trap '[ -z "$SERVER_PID" ] || kill "$SERVER_PID" 2>/dev/null || true; scripts/bench/pg.sh >/dev/null 2>&1 || true' EXIT
"$BIN" serve >"$OUT/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 100); do curl -fs -o /dev/null "$BASE/readyz" && break; sleep 0.2; done
sql() { psql -X -q -At "$URL" -c "$1"; }
csrf_of() { sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | sed -n 1p; }

# four clerks of the demo office at free desks, 400 clients waiting for them
mapfile -t clerks < <(sql "select s.login from staff s join staff_role r using (staff_id)
    where r.role = 'clerk' and s.password_hash is not null and s.login not in (select login from staff s2
    join second_factor f using (staff_id)) and s.department_id is not null order by s.login limit 4")
[ "${#clerks[@]}" -ge 2 ] || die "no clerks to sign in"
sql "update desk_session set ended_at = now() where ended_at is null" >/dev/null
i=0
for login in "${clerks[@]}"; do
    jar="$OUT/jar-$login"
    token="$(curl -sS -c "$jar" -b "$jar" "$BASE/login" | csrf_of)"
    curl -sS -o /dev/null -c "$jar" -b "$jar" --data-urlencode "_csrf=$token" --data-urlencode "login=$login" \
        --data-urlencode "password=okienko-demo-2026" "$BASE/login"
    token="$(curl -sS -c "$jar" -b "$jar" "$BASE/desk" | csrf_of)"
    desk="$(sql "select desk_id from desk where active and desk_id not in (select desk_id from desk_session where ended_at is null)
                 order by (department_id = (select department_id from staff where login = '$login')) desc nulls last limit 1")"
    curl -sS -o /dev/null -c "$jar" -b "$jar" --data-urlencode "_csrf=$token" --data-urlencode "desk_id=$desk" "$BASE/desk/open"
    echo "$token" >"$OUT/token-$login"
    sql "insert into visit (ticket, ticket_day, department_id, arrived_at, updated_at)
         select 'X' || lpad((900 + n + 100 * $i)::text, 4, '0'), (now() at time zone 'Europe/Warsaw')::date,
                (select department_id from staff where login = '$login'), now(), now()
         from generate_series(1, 100) n" >/dev/null
    i=$((i + 1))
done

# clerk LOGIN: call, view, start, finish, again, logging "<ms since epoch> <status> <seconds>"
work() {
    local login="$1" jar="$OUT/jar-$login" token until id page
    token="$(cat "$OUT/token-$login")"
    until=$(( $(date +%s) + SECONDS_TOTAL ))
    req() { curl -sS -o "$OUT/page-$login" -w "$(date +%s%3N) %{http_code} %{time_total}\n" -m 10 -b "$jar" "$@" \
        >>"$OUT/requests.txt" 2>/dev/null || echo "$(date +%s%3N) 000 10" >>"$OUT/requests.txt"; }
    while [ "$(date +%s)" -lt "$until" ]; do
        req --data-urlencode "_csrf=$token" "$BASE/desk/call-next"
        req "$BASE/desk"
        id="$(grep -o '/desk/visits/[0-9a-f-]*/no-show"' "$OUT/page-$login" | head -n 1 | cut -d/ -f4 || true)"
        if [ -n "$id" ]; then
            req --data-urlencode "_csrf=$token" "$BASE/desk/visits/$id/start"
            req --data-urlencode "_csrf=$token" --data-urlencode "outcome=settled" "$BASE/desk/visits/$id/finish"
        else
            sleep 0.1
        fi
    done
}
for login in "${clerks[@]}"; do work "$login" & done
sleep 5
down_at="$(date +%s%3N)"
log "stopping PostgreSQL for $DOWN s"
scripts/bench/pg.sh stop
sleep "$DOWN"
scripts/bench/pg.sh >/dev/null
up_at="$(date +%s%3N)"
log "PostgreSQL is back"
ready=""
for _ in $(seq 150); do
    if curl -fs -o /dev/null "$BASE/readyz"; then ready="$(date +%s%3N)"; break; fi
    sleep 0.1
done
wait $(jobs -p | grep -v "^$SERVER_PID\$") 2>/dev/null || true

# the checks
[ -n "$ready" ] || die "/readyz not 200 within 15 s of the restart"
log "ready again $(( ready - up_at )) ms after PostgreSQL started"
bad="$(awk '$2 != 200 && $2 != 303 && $2 != 503' "$OUT/requests.txt" | wc -l)"
slow="$(awk '$3 >= 5' "$OUT/requests.txt" | wc -l)"
during="$(awk -v a="$down_at" -v b="$up_at" '$1 >= a && $1 <= b && $2 == 503' "$OUT/requests.txt" | wc -l)"
after="$(awk -v b="$ready" '$1 > b && $2 == 303' "$OUT/requests.txt" | wc -l)"
total="$(wc -l <"$OUT/requests.txt")"
log "$total requests: $during answered 503 during the outage, $after redirects after it, $bad other answers, $slow slower than 5 s"
[ "$bad" -eq 0 ] || die "answers other than 200, 303, 503: $(awk '$2 != 200 && $2 != 303 && $2 != 503 { print $2 }' "$OUT/requests.txt" | sort | uniq -c | tr '\n' ' ')"
[ "$slow" -eq 0 ] || die "$slow requests took 5 s or more"
[ "$during" -gt 0 ] || die "no 503 during the outage"
[ "$after" -gt 0 ] || die "no work after the outage"
check() { # NAME SQL (counts what must not exist)
    local n; n="$(sql "$2")"
    [ "$n" = 0 ] || die "$1: $n"
    log "ok: $1"
}
check "visits with their times out of order or half finished" "select count(*) from visit
    where (called_at is not null and called_at < arrived_at)
       or (started_at is not null and (called_at is null or started_at < called_at))
       or (finished_at is not null and finished_at < coalesce(started_at, called_at, arrived_at))
       or (status = 'done' and (finished_at is null or started_at is null or outcome is null))"
check "calls and finished visits without exactly one audit record" "select count(*) from visit v
    where v.ticket like 'X%'  -- this run's clients (the demo's morning has no audit records)
      and ((v.called_at is not null and (select count(*) from audit_event a
               where a.action = 'visit.called' and a.target_id = v.visit_id::text) <> 1)
        or (v.status = 'done' and (select count(*) from audit_event a
               where a.action = 'visit.finished' and a.target_id = v.visit_id::text) <> 1))"
check "ticket numbers given twice" "select count(*) from (select 1 from visit
    group by ticket_day, department_id, ticket having count(*) > 1) t"
check "survey invitations answered twice" "select count(*) from (select 1 from survey_answer
    where survey_invitation_id is not null group by survey_invitation_id having count(*) > 1) t"
check "authorisation numbers given twice" "select count(*) from (select 1 from authorisation
    where register_number is not null group by register_number having count(*) > 1) t"
log "passed"
