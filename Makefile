# The same commands locally and in CI. `make demo` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CONSTRAINTS := constraints.txt

.PHONY: install demo test lint unit bench bench-import clean lock test-deps

$(STAMP): pyproject.toml $(CONSTRAINTS)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c $(CONSTRAINTS) -e '.[dev,postgres]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/samenwerkingsmonitor demo

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

# The storage tests also run against a real local PostgreSQL server when one can be started
# (scripts/postgres-for-tests.sh installs Debian's postgresql when root); else they are skipped.
# Debian programs the tests drive (LibreOffice, Chromium, poppler, PostgreSQL) when root, and
# axe-core from the npm registry; tests that need a missing one skip and say why.
test-deps:
	scripts/system-packages.sh
	scripts/fetch-axe.sh

unit: $(STAMP) test-deps
	url="$${SAMENWERKINGSMONITOR_TEST_POSTGRES_URL:-$$(scripts/postgres-for-tests.sh)}"; \
	SAMENWERKINGSMONITOR_TEST_POSTGRES_URL="$$url" $(BIN)/pytest

test: lint unit

# Every benchmark prints its figures, the baseline of the same run, and each aim as gehaald or
# GEMIST. Start-up of the command line (issue 9), the engine (issue 3), vulnerability (issue 5),
# the report (issue 6), the web application under load (issue 11, needs PostgreSQL) and the SMAA
# kernel of scenarios (issue 13); the 1M-row import (issue 4) is slow and has its own target.
bench: $(STAMP)
	$(BIN)/python bench/startup.py
	$(BIN)/python bench/run.py
	$(BIN)/python bench/vulnerability.py
	$(BIN)/python bench/report.py
	$(BIN)/python bench/web_load.py
	$(BIN)/python bench/scenarios.py

bench-import: $(STAMP)
	$(BIN)/python bench/import_load.py

# Regenerate the constraints file from what is installed now (after changing pyproject.toml).
lock:
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^-e' > $(CONSTRAINTS)

clean:
	rm -rf $(VENV) samenwerkingsmonitor-demo .pytest_cache .mypy_cache .ruff_cache
