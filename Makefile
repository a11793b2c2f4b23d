# Peer Support Hub. `make` lists the targets; the README needs only `make run` and `make test`.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help install run test test-quick lint audit format engine engine-stop services-stop bench clean

help: ## List the targets and what they do
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[36m%-14s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

frontend/build/.built: node_modules/.installed $(shell find frontend -path frontend/build -prune -o -type f -print 2>/dev/null)
	npm run --silent build
	touch $@

install: $(VENV)/.installed frontend/build/.built ## Install Python and npm dependencies and build the front end

run: install ## Install, migrate, load demo content and serve on http://127.0.0.1:8000 (SQLite, database search)
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo_data
	$(MANAGE) runserver $(HOST):$(PORT)

test: install ## Install, start PostgreSQL/OpenSearch/Chromium as available and run the whole suite
	tools/run-tests.sh

test-quick: $(VENV)/.installed ## Run the fast tests on SQLite only (no services, no browser)
	$(BIN)/pytest -q -x -m "not browser and not engine and not postgres and not slow"

lint: $(VENV)/.installed ## Ruff, import contracts, Django checks and missing migrations
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	DJANGO_SETTINGS_MODULE=cms.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=cms.settings.test $(MANAGE) makemigrations --check --dry-run

audit: $(VENV)/.installed ## Dependency audits (pip-audit, npm audit) and bandit; fails loudly if a database is unreachable
	tools/audit.sh

format: $(VENV)/.installed ## Apply ruff's fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

engine: ## Start a local OpenSearch node and print its URL (set OPENSEARCH_URL to use it)
	tools/opensearch/opensearch.sh start

engine-stop: ## Stop the local OpenSearch node
	tools/opensearch/opensearch.sh stop

services-stop: engine-stop ## Stop the services the tests started
	tools/services/postgres.sh stop

bench: $(VENV)/.installed frontend/build/.built ## Benchmark pages, finder and indexing at scale into bench/results; BENCH_ARGS=--quick for N=1k
	-tools/services/apt-install.sh wrk
	$(BIN)/python -m bench.run $(BENCH_ARGS)

clean: ## Remove the virtualenv, node_modules, built assets and the SQLite database
	rm -rf $(VENV) node_modules frontend/build/css frontend/build/js frontend/build/vendor frontend/build/tiles frontend/build/.built db.sqlite3 .test-media
