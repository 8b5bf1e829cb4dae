# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000

.PHONY: run test lint messages bench-bookings bench-certificates bench-pages bench-admin-listings bench-programmes bench-scorecard govuk-frontend

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=python3.11).")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

# Stamp files make re-runs quick: pip only runs again when a requirements file changes.
$(VENV)/.runtime-installed: requirements.txt | $(PY)
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@ $(VENV)/.runtime-installed

run: $(VENV)/.runtime-installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py runserver $(HOST)

test: $(VENV)/.dev-installed
	$(PY) -m pytest

lint: $(VENV)/.dev-installed
	$(VENV)/bin/ruff check .

# Refreshes every language's catalogue (locale/<code>/LC_MESSAGES/django.po) from the code and
# templates, then compiles the .mo files that are committed with them. Needs GNU gettext
# (apt-get install gettext); `make run` and `make test` do not, as the .mo files are committed.
# locale_vendor/<code>/LC_MESSAGES/django.po (other packages' strings, e.g. allauth's in Welsh) is
# edited by hand, never refreshed by makemessages, and compiled here with the rest.
MESSAGES_IGNORE := --ignore=.venv --ignore=static --ignore=staticfiles --ignore=var --ignore=node_modules --ignore=tests --ignore=bench
messages: $(VENV)/.dev-installed
	$(PY) manage.py makemessages --all --no-obsolete --add-location=file $(MESSAGES_IGNORE)
	$(PY) manage.py compilemessages $(MESSAGES_IGNORE)

# Needs PostgreSQL: DATABASE_URL=postgres://postgres@127.0.0.1:5432/bookings_bench by default.
bench-bookings: $(VENV)/.dev-installed
	$(PY) bench/booking_concurrency.py

bench-certificates: $(VENV)/.dev-installed
	$(PY) bench/certificates.py

# Pages under gunicorn against a bare view and the peer wagtail-lms (built in var/peer-venv).
# SQLite by default; BENCH_ARGS="--database postgres" for PostgreSQL on 127.0.0.1.
bench-pages: $(VENV)/.dev-installed
	$(PY) bench/pages.py $(BENCH_ARGS)

# The admin bookings list and completions report at one size and ten times it.
bench-admin-listings: $(VENV)/.dev-installed
	$(PY) bench/admin_listings.py $(BENCH_ARGS)

# Refreshes the vendored GOV.UK Frontend build from npm (needs Node.js; not part of `make run`).
govuk-frontend:
	scripts/update_govuk_frontend.sh

# Needs PostgreSQL: DATABASE_URL=postgres://postgres@127.0.0.1:5432/programmes_bench by default.
bench-programmes: $(VENV)/.dev-installed
	$(PY) bench/programme_dashboard.py

# Needs PostgreSQL: DATABASE_URL=postgres://postgres@127.0.0.1:5432/scorecard_bench by default.
bench-scorecard: $(VENV)/.dev-installed
	$(PY) bench/scorecard.py
