# qaznews: `make demo` and `make test` work on a fresh machine (they install into .venv first).
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= .demo/qaznews.db

.PHONY: install demo test lint types unit eval bench bench-stories bench-html clean

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
	@echo "--- stories carried by more than one outlet"
	$(BIN)/qaznews stories --db $(DEMO_DB) --min-members 2

lint: install
	$(BIN)/ruff check src tests bench

types: install
	$(BIN)/mypy

unit: install
	$(BIN)/pytest -q

test: lint types unit

eval: install
	$(BIN)/qaznews eval parse --gold ../shared/samples/gold ../shared/samples
	$(BIN)/qaznews eval stories --gold ../shared/samples/gold/duplicates.json ../shared/samples
	$(BIN)/qaznews eval stories --gold tests/data/stories/duplicates.json \
		--traps tests/data/stories/traps.json tests/data/stories
	$(BIN)/qaznews eval html --pages tests/data/web/pages --truth tests/data/web/truth.json

bench: install
	$(BIN)/python bench/bench_parse.py

bench-stories: install
	$(BIN)/python bench/bench_stories.py

bench-html: install
	$(BIN)/python bench/bench_html.py

clean:
	rm -rf $(VENV) .demo .mypy_cache .pytest_cache .ruff_cache
