# Procura: `make run` serves the app with demo data; `make test` runs every check.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON_VERSION := 3.11
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
FRONTEND := frontend
export UV_PYTHON_DOWNLOADS := never
# Compiled modules are kept between runs outside the tree, also where the environment turns
# their writing off: each Python process (test workers, servers, Celery, manage.py) would
# otherwise compile Django, the libraries and Procura from source again.
export PYTHONPYCACHEPREFIX ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/procura-pycache
export PYTHONDONTWRITEBYTECODE :=

# Test runs use PostgreSQL/Redis when TEST_DATABASE_URL/REDIS_URL are set, SQLite otherwise.
# worksteal: a worker that runs out of tests takes queued ones from the other, so a few long
# tests at the end of one worker's share do not leave the other core idle.
PYTEST_ARGS ?= -n 2 --dist worksteal

.PHONY: help run test lint fmt typecheck migrate seed worker beat serve dev deps system-deps \
	backup restore check-deploy stack \
	frontend-deps frontend-build frontend-test e2e pytest schema check-migrations clean \
	frontend-lint frontend-typecheck frontend-api-types

help:
	@echo "make run    install, build the web app, migrate, load demo data, serve on http://$(HOST):$(PORT)"
	@echo "make test   lint, types, backend tests, web unit tests, browser tests"
	@echo "other: lint fmt typecheck migrate seed worker beat serve dev schema"

# --- installation ---------------------------------------------------------------------------
$(VENV)/.synced: pyproject.toml uv.lock
	@command -v uv >/dev/null 2>&1 || python3 -m pip install --quiet uv
	uv sync --frozen --python $(PYTHON_VERSION)
	@touch $@

deps: $(VENV)/.synced

system-deps:
	@./scripts/system-deps.sh

$(FRONTEND)/node_modules/.installed: $(FRONTEND)/package-lock.json
	cd $(FRONTEND) && npm ci --no-audit --no-fund
	@touch $@

frontend-deps: $(FRONTEND)/node_modules/.installed

# The web app is built when a source, the config or the installed packages changed since the last
# build (`make test` builds it once, in the web step, and the browser step serves that build).
FRONTEND_SOURCES := $(shell find $(FRONTEND)/src $(FRONTEND)/public -type f 2>/dev/null) \
	$(wildcard $(FRONTEND)/index.html $(FRONTEND)/vite.config.ts $(FRONTEND)/tsconfig.json \
	$(FRONTEND)/package.json $(FRONTEND)/package-lock.json)

$(FRONTEND)/dist/index.html: $(FRONTEND)/node_modules/.installed $(FRONTEND_SOURCES)
	cd $(FRONTEND) && npm run build

frontend-build: $(FRONTEND)/dist/index.html

# --- running --------------------------------------------------------------------------------
migrate: deps
	$(PY) manage.py migrate --noinput

seed: deps
	$(PY) manage.py seed_demo

run: deps system-deps frontend-build
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo --if-empty
	$(PY) manage.py collectstatic --noinput -v0
	@$(PY) manage.py demo_logins --base-url http://$(HOST):$(PORT)
	@echo "Procura is starting at http://$(HOST):$(PORT)  (API docs: /api/docs/, admin: /admin/)"
	DEBUG=false $(VENV)/bin/gunicorn procura.wsgi:application -c deploy/gunicorn.conf.py --bind $(HOST):$(PORT)

# Production-like: DEBUG off whatever the environment says (set DATABASE_URL, REDIS_URL...).
serve: deps
	DEBUG=false $(PY) manage.py collectstatic --noinput -v0
	DEBUG=false $(VENV)/bin/gunicorn procura.wsgi:application -c deploy/gunicorn.conf.py --bind $(HOST):$(PORT)

dev: deps frontend-deps
	@echo "Django on :8000, Vite dev server with proxy on :5173"
	$(PY) manage.py runserver $(HOST):8000 & cd $(FRONTEND) && npm run dev

worker: deps
	$(VENV)/bin/celery -A procura worker --loglevel=INFO --concurrency=2 --queues default,ocr,mail

beat: deps
	$(VENV)/bin/celery -A procura beat --loglevel=INFO --schedule var/celerybeat-schedule

# Backups (docs/operations.md): make backup; make restore BACKUP=var/backups/<name>
backup: deps
	$(PY) manage.py backup

restore: deps
	$(PY) manage.py restore "$(BACKUP)"

schema: deps
	./scripts/generate-schema.sh $(FRONTEND)/openapi.json
	cd $(FRONTEND) && npm run gen:api

# --- checks ---------------------------------------------------------------------------------
fmt: deps
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

lint: deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: deps
	$(VENV)/bin/mypy procura

# Compose file, Dockerfile, nginx config and systemd units: syntax and every referenced path.
check-deploy: deps
	$(PY) scripts/check-deploy.py

# nginx + gunicorn + worker + beat + PostgreSQL with a streaming replica + Redis on loopback,
# from deploy/'s configs, with the fault drills (kill the worker mid-OCR, stop Redis, restore).
stack: deps system-deps
	./scripts/stack-check.sh

check-migrations: deps
	DJANGO_SETTINGS_MODULE=procura.settings_test $(PY) manage.py makemigrations --check --dry-run

pytest: deps
	@./scripts/run-pytest.sh $(PYTEST_ARGS)

# The static checks read the sources and write nothing of the tree's, so they run two at a time,
# each one's output printed whole when it ends (--output-sync), every one run even when another
# fails (--keep-going), the longest (lint) first. The unit tests run after them, alone: beside
# lint on two busy cores their 5-second per-test limits were exceeded.
FRONTEND_STATIC_CHECKS := frontend-lint frontend-typecheck frontend-api-types

frontend-test: frontend-deps
	$(MAKE) --no-print-directory -j2 --output-sync=target --keep-going $(FRONTEND_STATIC_CHECKS)
	cd $(FRONTEND) && npm run test
	$(MAKE) --no-print-directory frontend-build
	cd $(FRONTEND) && npm run size

frontend-api-types: frontend-deps
	./scripts/check-api-types.sh
frontend-typecheck: frontend-deps
	cd $(FRONTEND) && npm run typecheck
frontend-lint: frontend-deps
	cd $(FRONTEND) && npm run lint

e2e: deps system-deps frontend-build
	./scripts/run-e2e.sh

# Steps that share nothing run at the same time, each one's output printed whole when it ends:
# lint beside the type check; then, once the web step has built the app, the backend tests
# beside the browser tests (one browser, mostly waiting on pages) and the stack check (its own
# PostgreSQL, Redis, RabbitMQ vhost, ports and static files). Those two use about a third of
# one core together; the backend tests keep both cores busy and take the rest. The web step
# runs alone: its unit tests' 5-second limits were exceeded beside other work.
test: deps system-deps frontend-deps
	@./scripts/timed.sh --start
	@$(MAKE) --no-print-directory -j2 --output-sync=target test-lint test-types
	@./scripts/timed.sh web $(MAKE) --no-print-directory frontend-test
	@$(MAKE) --no-print-directory -j3 --output-sync=target test-backend test-browser test-stack
	@./scripts/timed.sh --summary

.PHONY: test-lint test-types test-backend test-browser test-stack
test-lint:
	@./scripts/timed.sh lint $(MAKE) --no-print-directory lint check-migrations check-deploy
test-types:
	@./scripts/timed.sh types $(MAKE) --no-print-directory typecheck
test-backend:
	@./scripts/timed.sh backend $(MAKE) --no-print-directory pytest
test-browser:
	@./scripts/timed.sh browser $(MAKE) --no-print-directory e2e
test-stack:
	@./scripts/timed.sh stack $(MAKE) --no-print-directory stack

clean:
	rm -rf var/static var/test-* $(FRONTEND)/dist
