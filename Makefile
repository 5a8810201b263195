# Cadre — the two commands that matter are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: install run test lint check-migrations messages compile-messages check-translations bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	rm -f $(VENV)/.installed-* && touch $(STAMP)

install: $(STAMP)

compile-messages: install
	$(BIN)/python manage.py compilemessages --ignore=.venv -v0

run: install compile-messages
	mkdir -p var
	DEBUG=1 $(BIN)/python manage.py migrate --no-input -v0
	DEBUG=1 $(BIN)/python manage.py load_demo
	@echo "Cadre is on http://127.0.0.1:$(PORT)/ — sign in with one of the accounts above. Ctrl-C stops it."
	@# The task worker (large imports) runs beside the server and stops with it.
	@DEBUG=1 $(BIN)/python manage.py db_worker --no-reload -v0 > var/worker.log 2>&1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

lint: install
	$(BIN)/ruff check .

check-migrations: install
	$(BIN)/python manage.py makemigrations --check --dry-run

messages: install
	$(BIN)/python manage.py makemessages -l fr --no-location --no-obsolete --ignore=.venv --ignore=var --ignore=tests --ignore=benchmarks --ignore=scripts
	@echo "Now translate the new entries in locale/*/LC_MESSAGES/django.po, then run make test."

check-translations: install
	$(BIN)/python scripts/check_translations.py

test: install lint check-migrations check-translations compile-messages
	$(BIN)/python -m pytest

bench: install compile-messages
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) var/static .pytest_cache .ruff_cache
