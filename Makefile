# The two commands a newcomer needs:  make demo   and   make test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: demo test test-sqlite test-postgres lint install

$(BIN)/readwire: pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[dev]"
	touch $(BIN)/readwire

install: $(BIN)/readwire

demo: install
	$(BIN)/readwire demo --port $(PORT)

lint: install
	$(BIN)/ruff check readwire bench
	$(BIN)/ruff format --check readwire bench
	$(BIN)/mypy

test-sqlite: install
	$(BIN)/pytest -n 2 -q

# The browser tests (marker `browser`) run once, in the SQLite pass: the browser cannot tell the
# databases apart, and the views they drive have tests of their own that run on PostgreSQL.
test-postgres: install
	DATABASE_URL=$(PG_TEST_URL) $(BIN)/pytest -n 2 -q -m "not browser"

test: lint test-sqlite test-postgres
