# Okienko: developer entry points. `make` (or `make help`) lists the targets.
#
# The database: scripts/pg.sh prints DATABASE_URL. It uses DATABASE_URL from
# the environment or from a DATABASE_URL= line in .env when there is one;
# otherwise it runs a private PostgreSQL cluster under var/pg (installed from
# Debian's packages when missing). `make stop-db` stops it.
#
# Variables: JOBS (cargo build jobs, default 2), TEST_ARGS (passed to the test
# runner, e.g. `make test TEST_ARGS=login`), CARGO (default cargo).

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.ONESHELL:
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

CARGO ?= cargo
JOBS ?= 2
TEST_ARGS ?=
PREPARE_DB ?= okienko_prepare

.PHONY: help run test prepare check stop-db clean-db psql

help: ## List the targets (default)
	@echo "Okienko: make TARGET [JOBS=2] [TEST_ARGS=...]"
	echo
	awk 'BEGIN { FS = ":.*## " } /^[a-zA-Z_-]+:.*## / { printf "  %-14s %s\n", $$1, $$2 }' $(MAKEFILE_LIST)

# Note on `x="$$(scripts/pg.sh)"; eval "$$x"`: unlike a bare
# eval "$$(scripts/pg.sh)", the assignment fails the recipe when pg.sh fails.

run: ## Dev server: database, release build, migrate, demo data, serve
	@pg_env="$$(scripts/pg.sh)"; eval "$$pg_env"
	set -x
	SQLX_OFFLINE=true $(CARGO) build --release -j $(JOBS)
	bin="$${CARGO_TARGET_DIR:-target}/release/okienko"
	# Two roles when scripts/pg.sh made them: migrations as the owner, which
	# then grants the application's role its rights; the server only as the latter.
	if [ -n "$${DATABASE_APP_URL:-}" ]; then export DATABASE_URL="$$DATABASE_APP_URL"; fi
	# Demo keys for the personal data (PESEL, health reasons): made once, kept in
	# var/demo-keys.env beside the private database they seal. Settings of your own
	# (environment or .env) win.
	if [ -z "$${OKIENKO_DATA_KEYS:-}" ] && ! grep -qs '^OKIENKO_DATA_KEYS=' .env; then
	  mkdir -p var
	  if [ ! -s var/demo-keys.env ]; then
	    umask 077
	    { echo "OKIENKO_DATA_KEYS=demo1:$$(head -c 32 /dev/urandom | base64)"
	      echo "OKIENKO_LOOKUP_KEY=$$(head -c 32 /dev/urandom | base64)"; } > var/demo-keys.env
	  fi
	  set -a; . var/demo-keys.env; set +a
	fi
	"$$bin" migrate
	"$$bin" demo-data
	unset DATABASE_OWNER_URL
	exec "$$bin" serve

test: ## All tests (nextest if installed) against PostgreSQL + headless Chromium
	@pg_env="$$(scripts/pg.sh)"; eval "$$pg_env"
	browser_env="$$(scripts/browser-deps.sh)"; eval "$$browser_env"
	export SQLX_OFFLINE=true
	set -x
	if $(CARGO) nextest --version >/dev/null 2>&1; then
	  $(CARGO) nextest run --all-targets --no-fail-fast --build-jobs $(JOBS) $(TEST_ARGS)
	else
	  $(CARGO) test --all-targets --no-fail-fast -j $(JOBS) $(TEST_ARGS)
	fi

prepare: ## Regenerate the sqlx query cache .sqlx/ (fresh DB + migrations/*.sql)
	@pg_env="$$(scripts/pg.sh)"; eval "$$pg_env"
	# URL of the scratch database: same server and credentials, other name.
	base="$${DATABASE_URL%%\?*}"
	query=""
	case "$$DATABASE_URL" in *\?*) query="?$${DATABASE_URL#*\?}" ;; esac
	prep_url="$${base%/*}/$(PREPARE_DB)$$query"
	echo "prepare: recreating database $(PREPARE_DB)" >&2
	psql -X -q -v ON_ERROR_STOP=1 "$$DATABASE_URL" \
	  -c 'DROP DATABASE IF EXISTS $(PREPARE_DB) WITH (FORCE)' \
	  -c 'CREATE DATABASE $(PREPARE_DB)'
	[ -d migrations ] || echo "prepare: warning: no migrations/ directory" >&2
	mapfile -t migrations < <(find migrations -maxdepth 1 -type f -name '*.sql' ! -name '*.down.sql' 2>/dev/null | LC_ALL=C sort)
	for f in "$${migrations[@]}"; do
	  echo "prepare: applying $$f" >&2
	  psql -X -q -v ON_ERROR_STOP=1 "$$prep_url" -f "$$f"
	done
	rm -rf .sqlx
	mkdir .sqlx
	# Cargo cannot see DATABASE_URL changes: make the query macros run again.
	for f in src/lib.rs src/main.rs src/bin/*.rs tests/*.rs tests/*/main.rs examples/*.rs benches/*.rs; do
	  if [ -f "$$f" ]; then touch "$$f"; fi
	done
	echo "prepare: $(CARGO) check --all-targets with DATABASE_URL=<$(PREPARE_DB)> SQLX_OFFLINE_DIR=.sqlx" >&2
	DATABASE_URL="$$prep_url" SQLX_OFFLINE=false SQLX_OFFLINE_DIR="$$PWD/.sqlx" \
	  $(CARGO) check --all-targets -j $(JOBS)
	echo "prepare: $$(find .sqlx -name 'query-*.json' | wc -l) queries cached in .sqlx/ (commit them)" >&2

check: ## cargo fmt --check and clippy -D warnings (SQLX_OFFLINE=true)
	@set -x
	$(CARGO) fmt --all --check
	SQLX_OFFLINE=true $(CARGO) clippy --all-targets -j $(JOBS) -- -D warnings

psql: ## psql shell on the dev database
	@pg_env="$$(scripts/pg.sh)"; eval "$$pg_env"
	exec psql "$$DATABASE_URL"

stop-db: ## Stop the private PostgreSQL cluster (var/pg)
	@scripts/pg.sh stop

clean-db: ## DESTRUCTIVE: stop the private cluster and delete var/pg, all its data
	@scripts/pg.sh stop
	rm -rf var/pg
	echo "clean-db: var/pg removed" >&2

.PHONY: security-scan
security-scan: ## Attack tools (wapiti, sqlmap) as admin, clerk, director; fails on findings or 5xx
	@JOBS=$(JOBS) CARGO=$(CARGO) scripts/security-scan.sh

.PHONY: load
load: ## Load test: 50 clerks at their desks, a year of visits (scripts/load/)
	@JOBS=$(JOBS) CARGO=$(CARGO) scripts/load/run.sh

.PHONY: bench
bench: ## Bare stack and Okienko back to back (1 and 10 years of data), one table (scripts/bench/, BENCHMARKS.md)
	@JOBS=$(JOBS) CARGO=$(CARGO) scripts/bench/run.sh

.PHONY: chaos
chaos: ## PostgreSQL stopped and started under load: 503s fast, nothing half-written, recovery (scripts/bench/chaos.sh)
	@JOBS=$(JOBS) CARGO=$(CARGO) scripts/bench/chaos.sh
