# qaznews: `make demo` and `make test` work on a fresh machine (they install into .venv first).
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= .demo/qaznews.db

.PHONY: install demo test lint types unit eval bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/qaznews ingest demo/captures --db $(DEMO_DB)
	@echo "--- the same captures again: nothing new is stored"
	$(BIN)/qaznews ingest demo/captures --db $(DEMO_DB) --force
	$(BIN)/qaznews report --db $(DEMO_DB)

lint: install
	$(BIN)/ruff check src tests bench

types: install
	$(BIN)/mypy

unit: install
	$(BIN)/pytest -q

test: lint types unit

eval: install
	$(BIN)/qaznews eval parse --gold ../shared/samples/gold ../shared/samples

bench: install
	$(BIN)/python bench/bench_parse.py

clean:
	rm -rf $(VENV) .demo .mypy_cache .pytest_cache .ruff_cache
