# The tracker's everyday commands. `make run` and `make test` set everything up.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PG_URL ?= postgres://postgres@127.0.0.1:5432/tracker
BENCH_URL ?= postgres://postgres@127.0.0.1:5432/tracker_bench
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run browser test test-pg scale-test lint format bench load backup restore clean venv

venv: $(STAMP)

$(STAMP): requirements.txt
	@python=$$(scripts/find-python) || exit 1; \
	if [ ! -x $(PY) ]; then echo "Creating $(VENV) with $$($$python --version)"; $$python -m venv $(VENV); fi
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $(STAMP)

run: venv
	DEBUG=1 $(PY) manage.py migrate --no-input
	DEBUG=1 $(PY) manage.py bootstrap --url http://$(HOST):$(PORT)
	DEBUG=1 SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)} $(PY) manage.py runserver $(HOST):$(PORT)

# The browser tests drive Debian's chromium: installed here when missing (as root with
# apt), or the one command to run is printed before anything else runs.
browser:
	@scripts/ensure-chromium

test: browser venv
	$(VENV)/bin/pytest $(PYTEST_ARGS)

test-pg: browser venv
	DATABASE_URL=$(PG_URL) $(VENV)/bin/pytest $(PYTEST_ARGS)

# Real servers: two gunicorns sharing Redis, and a streaming replica started from the
# PostgreSQL on 127.0.0.1:5432 (scale_tests/; not part of `make test`).
SCALE_PG_URL ?= $(PG_URL)
SCALE_CACHE_URL ?= redis://127.0.0.1:6379/12
scale-test: venv
	DATABASE_URL=$(SCALE_PG_URL) CACHE_URL=$(SCALE_CACHE_URL) $(VENV)/bin/pytest scale_tests $(PYTEST_ARGS)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: venv
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Concurrent clients against gunicorn on loopback; fails if any request fails.
CLIENTS ?= 50
DURATION ?= 30
load: venv
	$(PY) scripts/load.py --clients $(CLIENTS) --duration $(DURATION)

# Backups: `make backup` writes BACKUP (default backups/<time>.*), `make restore BACKUP=file`.
backup: venv
	$(PY) manage.py backup $(if $(BACKUP),--output $(BACKUP))

restore: venv
	$(PY) manage.py restore $(BACKUP)

# Fills BENCH_URL's database with synthetic cases (BENCH_SCALES, default 10000,100000),
# prints the table and writes docs/performance.md.
bench: venv
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq wrk >/dev/null 2>&1; } \
		|| echo "wrk is not installed (apt-get install wrk); the load figures use a Python client instead."
	DATABASE_URL=$(BENCH_URL) $(PY) -m bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache staticfiles
