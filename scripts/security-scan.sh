#!/usr/bin/env bash
# Security scan (make security-scan): attack tools against a running Okienko,
# signed in as each role in turn. Fails (exit 1) on any finding and on any 5xx.
#
# For each role (admin, clerk, director by default):
#   1. a FRESH database okienko_scan_<role> on the server of scripts/pg.sh
#      (never the `okienko` database of `make run`), migrated by the binary's
#      `migrate`, with the demo office (`demo-data`). Fresh for each role: an
#      attack tool signed in as admin submits every form it finds, which
#      changes everyone's password, roles and desks;
#   2. the server on 127.0.0.1:<free port>, logging JSON lines to a file;
#   3. a sign-in as a browser would (scripts/scan/sign_in.py: the CSRF token
#      read from the form, a TOTP second step followed when asked for);
#   4. wapiti (crawls, then attacks every page and form it found: the modules
#      below) and sqlmap (SQL injection in every parameter wapiti found, GET
#      and POST, with the CSRF token refreshed), both with that session;
#   5. the server is stopped, and a summary printed (scripts/scan/summary.py):
#      modules run, URLs crawled, findings, 5xx answers in the server's log.
# Then one line per role again, and the exit status: 0 only if all are clean.
#
# Usage: scripts/security-scan.sh            (or: make security-scan)
#        SCAN_ROLES=clerk SCAN_BUILD=release scripts/security-scan.sh
#
# Environment (defaults):
#   SCAN_ROLES="admin clerk director"  the demo logins to scan as, in this order
#   SCAN_BUILD=debug     debug or release: the build scanned. Debug by default:
#                        it keeps overflow checks and debug assertions, so an
#                        arithmetic slip that release would wrap silently is a
#                        panic, a 500 and a finding here; `make test` has built
#                        nearly all of it already (release takes a quarter of an
#                        hour on 2 cores); and the time goes to wapiti, not to
#                        the server (a few minutes of its CPU per role either way).
#   SCAN_BIN             a binary to scan as it is, without building
#   SCAN_PORT            the server's port on 127.0.0.1 (default: the first
#                        free one from 18400)
#   SCAN_KEEP_DB=0       1: keep each role's database afterwards; by default
#                        it is dropped when the role was clean and kept to
#                        look into when something was found
#   OKIENKO_DEMO_TOTP_SECRET  base32 TOTP secret of the demo accounts, for a
#                        second sign-in step (default: DEMO_TOTP_SECRET in
#                        src/demo/mod.rs, if there is one)
#   JOBS=2, CARGO=cargo  for the build
#
# Tools, installed on first use (pinned; as root, or through sudo):
#   wapiti  the `wapiti3` package from PyPI, with pyotp, in a virtual
#           environment under var/security-scan/venv (Debian's wapiti 3.0.4
#           breaks on exclusion patterns under Python 3.11);
#   sqlmap  Debian's package.
#
# Output: var/security-scan/<role>/ (server.log, wapiti.json and wapiti.out,
# sqlmap.out and sqlmap/, summary.txt) and var/security-scan/summary.txt.
# Nothing leaves this machine: the tools' call-back endpoints are pointed at
# the scanned server itself and wapiti's automatic bug reports are off.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HERE="$ROOT/scripts/scan"
OUT="$ROOT/var/security-scan"
# Keys of the personal data (PESEL, health reasons): throwaway ones for the fresh
# databases of the scan, unless set.
export OKIENKO_DATA_KEYS="${OKIENKO_DATA_KEYS:-scan:$(head -c 32 /dev/urandom | base64)}"
export OKIENKO_LOOKUP_KEY="${OKIENKO_LOOKUP_KEY:-$(head -c 32 /dev/urandom | base64)}"
VENV="$OUT/venv"
cd "$ROOT"

# Pinned tool versions. sqlmap is Debian bookworm's; if the machine's Debian
# offers another version, set SQLMAP_DEB_VERSION to it after a look.
WAPITI_VERSION=3.2.3
PYOTP_VERSION=2.9.0
SQLMAP_DEB_VERSION="${SQLMAP_DEB_VERSION:-1.7.2-1}"

ROLES="${SCAN_ROLES:-admin clerk director}"
BUILD="${SCAN_BUILD:-debug}"
KEEP_DB="${SCAN_KEEP_DB:-0}"
JOBS="${JOBS:-2}"
CARGO="${CARGO:-cargo}"
# The demo accounts' password (README.md, src/demo/mod.rs).
DEMO_PASSWORD=okienko-demo-2026

# wapiti's modules. Left out, and why:
#   ssrf, xxe, log4shell, spring4shell: they need a call-back server on the
#     internet (wapiti3.ovh), which this machine does not reach; Okienko
#     fetches no URL and parses no XML;
#   ssl, https_redirect: the scan talks plain HTTP on the loopback; TLS is
#     the proxy's in front of Okienko (README, "A real installation");
#   ldap: Okienko has no LDAP; the module's differential test flags any
#     parameter whose page changes with the input (9 "injections" in a first
#     run as a clerk: a search box, the new-password field, ...);
#   timesql: time-based blind SQL injection is sqlmap's job here (it does it
#     with PostgreSQL's own pg_sleep);
#   buster, nikto, brute_login_form: guessing paths and passwords by long
#     lists (the routes are the table in src/routes.rs; sign-in throttling and
#     the password rules have their own tests), and nikto fetches its list
#     from the internet;
#   cms, wp_enum, wapp, htp, network_device, takeover, shellshock: products
#     and set-ups Okienko is not.
WAPITI_MODULES="exec,file,sql,xss,permanentxss,redirect,crlf,csrf,csp,http_headers,cookieflags,methods,upload,htaccess,backup"

# Not crawled nor attacked, by either tool:
#   /logout    it ends the session, and everything after would be anonymous;
#   /language  it is on every page with that page in `back`, so wapiti takes
#              each for a form of its own and attacks it again and again (53,000
#              of 110,000 requests of a first run as a clerk); it reads no
#              database and keeps the session; its `back` goes through the
#              same check as sign-in's `next` (tests/it/auth.rs).
EXCLUDED_PATHS=(/logout /language)
# Left out of sqlmap's targets too:
#   /kiosk/enrol  its token lives in a cookie of the enrolment page, not in the
#                 session (web::csrf), and sqlmap reads one page's token for
#                 every target (--csrf-url): each request would be refused
#                 before the handler, and the refusal page, in the language that
#                 `lang` names, reads to sqlmap as a boolean injection that it
#                 then calls "false positive or unexploitable". The handler
#                 takes the code only hashed, and its bad input is tested in
#                 tests/it/survey.rs.
SQLMAP_EXCLUDED_PATHS=(/kiosk/enrol)

log() { printf 'security-scan: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

case "$BUILD" in release | debug) ;; *) die "SCAN_BUILD must be release or debug" ;; esac
for role in $ROLES; do
    [[ "$role" =~ ^[a-z_]+$ ]] || die "SCAN_ROLES: '$role' is not a demo login"
done

# ---------------------------------------------------------------------------
# Tools
# ---------------------------------------------------------------------------

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"
    elif command -v sudo >/dev/null 2>&1; then sudo "$@"
    else die "installing needs root: run as root, or install by hand: apt-get install $*"
    fi
}

apt_install() {   # apt_install PKG...: like scripts/pg.sh, with one update and a retry
    log "installing Debian packages: $*"
    if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y "$@" >&2; then
        as_root apt-get -o DPkg::Lock::Timeout=600 update >&2
        as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y "$@" >&2
    fi
}

ensure_tools() {
    command -v psql >/dev/null 2>&1 || die "psql is needed (scripts/pg.sh installs PostgreSQL)"
    command -v curl >/dev/null 2>&1 || apt_install curl

    # sqlmap, Debian's, at the pinned version
    if [ "$(dpkg-query -W -f '${Version}' sqlmap 2>/dev/null || true)" != "$SQLMAP_DEB_VERSION" ]; then
        apt_install "sqlmap=$SQLMAP_DEB_VERSION"
    fi

    # wapiti3 and pyotp in var/security-scan/venv; made again when the pins change.
    # Debian's Python (its ensurepip comes with python3-venv).
    local python=/usr/bin/python3 stamp="$VENV/.pins"
    local -a pins=("wapiti3==$WAPITI_VERSION" "pyotp==$PYOTP_VERSION")
    local want="${pins[*]}"
    [ -x "$python" ] || python="$(command -v python3)" || die "python3 is needed"
    if [ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ] || [ ! -x "$VENV/bin/wapiti" ]; then
        "$python" -c 'import ensurepip, venv' 2>/dev/null || apt_install python3-venv
        log "making $VENV with $want"
        rm -rf "$VENV"
        "$python" -m venv "$VENV"
        "$VENV/bin/pip" install --quiet --disable-pip-version-check "${pins[@]}" >&2
        printf '%s\n' "$want" >"$stamp"
    fi
}

# ---------------------------------------------------------------------------
# The server and its databases
# ---------------------------------------------------------------------------

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

choose_port() {
    if [ -n "${SCAN_PORT:-}" ]; then
        port_in_use "$SCAN_PORT" && die "port $SCAN_PORT (SCAN_PORT) is in use on 127.0.0.1"
        PORT="$SCAN_PORT"; return 0
    fi
    local p
    for p in $(seq 18400 18499); do
        if ! port_in_use "$p"; then PORT="$p"; return 0; fi
    done
    die "no free port in 18400..18499; set SCAN_PORT"
}

SERVER_PID=""
stop_server() {
    if [ -n "$SERVER_PID" ]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
        SERVER_PID=""
    fi
}
trap stop_server EXIT
trap 'exit 130' INT TERM

# scan_db_url ROLE: the URL of okienko_scan_ROLE, same server and credentials
scan_db_url() {
    local base="${ADMIN_URL%%\?*}" query=""
    case "$ADMIN_URL" in *\?*) query="?${ADMIN_URL#*\?}" ;; esac
    printf '%s/okienko_scan_%s%s' "${base%/*}" "$1" "$query"
}

psql_admin() { psql -X -q -v ON_ERROR_STOP=1 "$ADMIN_URL" "$@"; }

# start_server ROLE DIR: fresh database, migrate, demo data, serve in the background
start_server() {
    local role="$1" dir="$2" db="okienko_scan_$1"
    [ "$db" != "$DEV_DB" ] || die "refusing to scan $DEV_DB, the development database"
    log "$role: recreating database $db"
    psql_admin -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" >&2
    # The server's settings: a .env file does not override them (dotenv keeps
    # what is set). PUBLIC_URL https: as behind the TLS proxy of a real
    # installation, so cookies are Secure with the __Host- prefix and HSTS is
    # sent, and the cookie and header checks see what an office's server sends.
    (
        # shellcheck disable=SC2030 # the server's own, in this subshell only
        DATABASE_URL="$(scan_db_url "$role")"
        export DATABASE_URL
        export BIND_ADDR="127.0.0.1:$PORT" PUBLIC_URL="https://127.0.0.1:$PORT" COOKIE_SECURE=true
        export LOG_FORMAT=json LOG_LEVEL=info NO_COLOR=1 SHUTDOWN_GRACE=5s
        unset RUST_LOG
        "$BIN" migrate >&2
        "$BIN" demo-data >/dev/null
        exec "$BIN" serve
    ) >"$dir/server.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 300); do   # demo-data takes a few seconds; 60 s at most
        if curl -fsS -o /dev/null "$BASE/readyz" 2>/dev/null; then return 0; fi
        kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 20 "$dir/server.log" >&2; die "$role: the server stopped"; }
        sleep 0.2
    done
    tail -n 20 "$dir/server.log" >&2
    die "$role: the server is not ready after 60 s"
}

# ---------------------------------------------------------------------------
# One role
# ---------------------------------------------------------------------------

# scan_role ROLE: adds ROLE to FAILED when something was found. (It returns 0
# either way: called as `scan_role || ...`, bash would turn off `set -e` inside.)
FAILED=""
scan_role() {
    local role="$1" dir="$OUT/$1" started=$SECONDS cookie status=0 kept crawled
    rm -rf "$dir"
    mkdir -p "$dir"
    start_server "$role" "$dir"

    log "$role: signing in"
    cookie="$(OKIENKO_SCAN_PASSWORD="$DEMO_PASSWORD" "$VENV/bin/python" "$HERE/sign_in.py" "$BASE" "$role")" \
        || die "$role: signing in failed"

    local -a exclude=()
    local p
    for p in "${EXCLUDED_PATHS[@]}"; do exclude+=(-x "$BASE$p"); done
    printf '%s\n' "$WAPITI_MODULES" >"$dir/modules"
    # wapiti in two runs over one stored session: the crawl (no module), then,
    # after scripts/scan/wapiti_dedupe.py kept one request of each kind (one
    # employee's form stands for all fourteen), the attacks (--skip-crawl).
    # -C: the session cookie as a header on every request (a cookie file would
    #   be a jar, which sends no Secure cookie over HTTP);
    # -s: the public pages that staff pages do not link to;
    # --endpoint, --dns-endpoint: call-backs to ourselves, not to wapiti3.ovh;
    # -dr 1: the crawl's report lists every request (sqlmap's targets below);
    # -t 15: a request taking longer is reported (as an anomaly, so a finding).
    local -a wapiti=("$VENV/bin/wapiti" -u "$BASE/" --scope folder -C "$cookie"
        -s "$BASE/display" -s "$BASE/kiosk" -s "$BASE/kiosk/stand" "${exclude[@]}"
        --endpoint "$BASE/" --dns-endpoint localhost --no-bugreport
        --store-session "$dir/wapiti-session" --store-config "$dir/wapiti-config" -t 15 -v 1 -f json)
    log "$role: wapiti crawls (output var/security-scan/$role/wapiti-crawl.out)"
    if "${wapiti[@]}" --flush-session -m "" -dr 1 -o "$dir/wapiti-crawl.json" >"$dir/wapiti-crawl.out" 2>&1; then
        read -r kept crawled < <("$VENV/bin/python" "$HERE/wapiti_dedupe.py" "$dir/wapiti-session")
        printf '%s %s\n' "$crawled" "$kept" >"$dir/crawled"
        log "$role: wapiti attacks $kept of $crawled requests crawled (modules $WAPITI_MODULES; output var/security-scan/$role/wapiti.out)"
        "${wapiti[@]}" --skip-crawl -m "$WAPITI_MODULES" -o "$dir/wapiti.json" >"$dir/wapiti.out" 2>&1 \
            || { log "$role: wapiti failed (exit $?), see $dir/wapiti.out"; status=1; }
    else
        log "$role: wapiti's crawl failed (exit $?), see $dir/wapiti-crawl.out"
        status=1
    fi

    # sqlmap on what wapiti crawled. --csrf-token/--csrf-url: the token read
    # again from the home page before each request (ours stays the same for a
    # session, but a form sent without it never reaches its handler).
    # --level 1, --risk 1 (sqlmap's defaults): every technique, time-based
    # blind included, on every GET and POST parameter, also those whose page
    # does not change with them (no --skip-static); level 2 would add the
    # Cookie header, but our cookies are random ids that reach no query;
    # --dbms: only PostgreSQL's payloads (we know the database);
    # --drop-set-cookie: a cookie the server sets (a fresh anonymous session,
    # after sqlmap spoilt ours in a Cookie test) must not replace our session.
    if [ -s "$dir/wapiti-crawl.json" ]; then
        "$VENV/bin/python" "$HERE/sqlmap_targets.py" "$dir/wapiti-crawl.json" "$BASE" \
            "${EXCLUDED_PATHS[@]}" "${SQLMAP_EXCLUDED_PATHS[@]}" \
            >"$dir/sqlmap-targets.log"
        log "$role: sqlmap ($(grep -c ' HTTP/1.1$' "$dir/sqlmap-targets.log" || true) targets; output var/security-scan/$role/sqlmap.out)"
        TERM=dumb sqlmap -l "$dir/sqlmap-targets.log" --cookie="$cookie" --csrf-token=_csrf --csrf-url="$BASE/" \
            --batch --ignore-stdin --dbms=PostgreSQL --level=1 --risk=1 \
            --drop-set-cookie --output-dir="$dir/sqlmap" --disable-coloring --flush-session </dev/null >"$dir/sqlmap.out" 2>&1 \
            || { log "$role: sqlmap failed (exit $?), see $dir/sqlmap.out"; status=1; }
    fi

    if "$VENV/bin/python" "$HERE/sign_in.py" --check "$BASE" "$cookie"; then
        echo kept >"$dir/session"
    else
        echo lost >"$dir/session"
    fi
    stop_server
    echo $((SECONDS - started)) >"$dir/seconds"

    "$VENV/bin/python" "$HERE/summary.py" "$dir" "$role" | tee "$dir/summary.txt" || status=1
    if [ "$status" -ne 0 ]; then
        FAILED="$FAILED $role"
        log "$role: database okienko_scan_$role kept to look into"
    elif [ "$KEEP_DB" != 1 ]; then
        psql_admin -c "DROP DATABASE IF EXISTS okienko_scan_$role WITH (FORCE)" >&2
    else
        log "$role: database okienko_scan_$role kept (SCAN_KEEP_DB=1)"
    fi
}

# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------

ensure_tools
mkdir -p "$OUT"

if [ -z "${OKIENKO_DEMO_TOTP_SECRET:-}" ]; then
    OKIENKO_DEMO_TOTP_SECRET="$(sed -n 's/.*DEMO_TOTP_SECRET: *&str *= *"\([A-Za-z2-7=]*\)".*/\1/p' src/demo/mod.rs | head -n 1)"
fi
export OKIENKO_DEMO_TOTP_SECRET

if [ -n "${SCAN_BIN:-}" ]; then
    BIN="$SCAN_BIN"
    BUILD="$BIN"
else
    log "$BUILD build"
    if [ "$BUILD" = release ]; then
        SQLX_OFFLINE=true "$CARGO" build --release -j "$JOBS" >&2
    else
        SQLX_OFFLINE=true "$CARGO" build -j "$JOBS" >&2
    fi
    BIN="${CARGO_TARGET_DIR:-target}/$BUILD/okienko"
    BUILD="$BUILD build"
fi
[ -x "$BIN" ] || die "no binary at $BIN"

pg_env="$(scripts/pg.sh)"
eval "$pg_env"
# shellcheck disable=SC2031 # scripts/pg.sh's URL (start_server changes it only in its subshell)
ADMIN_URL="$DATABASE_URL"
DEV_DB="${ADMIN_URL%%\?*}"
DEV_DB="${DEV_DB##*/}"

choose_port
BASE="http://127.0.0.1:$PORT"
log "roles: $ROLES; server on $BASE; output in var/security-scan/"

started=$SECONDS
: >"$OUT/summary.txt"
for role in $ROLES; do
    scan_role "$role"
    cat "$OUT/$role/summary.txt" >>"$OUT/summary.txt" 2>/dev/null || true
done

echo
echo "Security scan ($BUILD), $(( (SECONDS - started) / 60 )) min $(( (SECONDS - started) % 60 )) s:"
cat "$OUT/summary.txt"
if [ -n "$FAILED" ]; then
    echo "FAILED:$FAILED (details in var/security-scan/<role>/)"
    exit 1
fi
echo "All clean."
