#!/usr/bin/env bash
# Make sure the browser-test dependencies are installed and print, on stdout,
# the variables the browser tests read (everything else goes to stderr):
#
#     eval "$(scripts/browser-deps.sh)"
#
#   CHROMIUM      Debian's chromium            (/usr/bin/chromium)
#   CHROMEDRIVER  Debian's chromium-driver     (/usr/bin/chromedriver)
#   AXE_JS        axe-core from package-lock.json, installed with `npm ci`
#
# Missing Debian packages (chromium, chromium-driver, and nodejs + npm when
# axe-core has to be installed) are installed with apt-get as root, through
# sudo when available, or else the script says what to install and fails.
# CHROMIUM / CHROMEDRIVER already set to executables in the environment are
# kept as they are.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
AXE_JS="$ROOT/node_modules/axe-core/axe.min.js"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"

log() { printf 'browser-deps.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

pkg_ok() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

apt_install() {
    local -a pre=()
    if [ "$(id -u)" -eq 0 ]; then
        :
    elif command -v sudo >/dev/null 2>&1; then
        pre=(sudo)
    else
        die "missing Debian packages. Install them with:
    sudo apt-get install $*      (or, as root: apt-get install $*)"
    fi
    log "installing Debian packages: $* (waits for the dpkg lock if another apt-get runs)"
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

# Version of axe-core that package-lock.json pins, and the installed one.
axe_wanted() {
    node -e 'process.stdout.write(require(process.argv[1]).packages["node_modules/axe-core"].version)' \
        "$ROOT/package-lock.json" 2>/dev/null || true
}
axe_installed() {
    node -e 'process.stdout.write(require(process.argv[1]).version)' \
        "$ROOT/node_modules/axe-core/package.json" 2>/dev/null || true
}
has_node() { command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; }

need_axe_install() {
    [ -f "$AXE_JS" ] || return 0
    # Reinstall when package-lock.json moved to another version.
    if has_node; then
        local want have
        want="$(axe_wanted)"; have="$(axe_installed)"
        [ -n "$want" ] && [ "$want" != "$have" ] && return 0
    fi
    return 1
}

missing=()
if [ "$CHROMIUM" = /usr/bin/chromium ]; then
    { [ -x "$CHROMIUM" ] && pkg_ok chromium; } || missing+=(chromium)
elif [ ! -x "$CHROMIUM" ]; then
    die "CHROMIUM=$CHROMIUM is not an executable"
fi
if [ "$CHROMEDRIVER" = /usr/bin/chromedriver ]; then
    { [ -x "$CHROMEDRIVER" ] && pkg_ok chromium-driver; } || missing+=(chromium-driver)
elif [ ! -x "$CHROMEDRIVER" ]; then
    die "CHROMEDRIVER=$CHROMEDRIVER is not an executable"
fi
NEED_AXE=0
if need_axe_install; then
    NEED_AXE=1
    has_node || missing+=(nodejs npm)
fi

if [ "${#missing[@]}" -gt 0 ]; then
    apt_install "${missing[@]}"
fi
[ -x "$CHROMIUM" ] || die "$CHROMIUM is missing after the install"
[ -x "$CHROMEDRIVER" ] || die "$CHROMEDRIVER is missing after the install"

if [ "$NEED_AXE" = 1 ]; then
    has_node || die "node and npm are missing after the install"
    log "installing axe-core from package-lock.json (npm ci)"
    (cd "$ROOT" && npm ci --no-audit --no-fund --ignore-scripts >&2)
    [ -f "$AXE_JS" ] || die "npm ci did not install $AXE_JS"
fi

printf 'export CHROMEDRIVER=%q CHROMIUM=%q AXE_JS=%q\n' "$CHROMEDRIVER" "$CHROMIUM" "$AXE_JS"
