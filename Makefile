# qaznews: `make demo` and `make test` work on a fresh machine (they install into .venv first).
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= .demo/qaznews.db
DEMO_PORT ?= 8000

.PHONY: install compiled compiler browser demo test lint types unit unit-compiled eval bench bench-stories bench-html bench-enrich clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# What a wheel holds: the capture reader's modules compiled with mypyc (setup.py), built
# from this tree and installed alone into $(COMPILED); PYTHONPATH=$(COMPILED) puts it before
# the editable, pure install of $(VENV). Rebuilt when a source file changes.
COMPILED := .compiled
COMPILED_STAMP := $(COMPILED)/.built
SOURCES := $(shell find src -name '*.py') setup.py pyproject.toml

$(COMPILED_STAMP): $(STAMP) $(SOURCES) | compiler
	rm -rf $(COMPILED) build
	$(BIN)/python -m pip install --quiet --no-deps --target $(COMPILED) .
	touch $@

compiled: $(COMPILED_STAMP)

# Compiling needs a C compiler and Python's headers: make test installs them (as root,
# the way CI runs); without them the build is pure and unit-compiled says so.
HAS_HEADERS := import os, sys, sysconfig; sys.exit(not os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")))
compiler:
	@{ command -v cc >/dev/null 2>&1 || command -v gcc >/dev/null 2>&1; } && \
		$(PYTHON) -c '$(HAS_HEADERS)' || { \
		command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] && \
		DEBIAN_FRONTEND=noninteractive apt-get update -q && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q gcc libc6-dev python3-dev; } || \
		echo "a C compiler and Python's headers could not be installed: the build stays pure"

# The browser tests drive Debian's Chromium through Playwright; make test installs it
# (as root, the way CI runs) and the tests say so and skip where it cannot be installed.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] && \
		DEBIAN_FRONTEND=noninteractive apt-get update -q && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; } || \
		echo "chromium could not be installed: the browser tests will be skipped"

demo: install
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/qaznews ingest demo/captures --db $(DEMO_DB)
	@echo "--- the same captures again: nothing new is stored"
	$(BIN)/qaznews ingest demo/captures --db $(DEMO_DB) --force
	$(BIN)/qaznews report --db $(DEMO_DB)
	@echo "--- stories carried by more than one outlet"
	$(BIN)/qaznews stories --db $(DEMO_DB) --min-members 2
	@echo "--- people most in the news, and who met whom"
	$(BIN)/qaznews entities --db $(DEMO_DB) --type person --limit 10
	$(BIN)/qaznews events --db $(DEMO_DB) --limit 10
	@echo "--- search, web and API on the demo store (Ctrl+C stops the server)"
	$(BIN)/qaznews serve --db $(DEMO_DB) --host 127.0.0.1 --port $(DEMO_PORT)

lint: install
	$(BIN)/ruff check src tests bench

types: install
	$(BIN)/mypy

unit: install browser
	$(BIN)/pytest -q

# The same tests on the compiled build (the browser's pages do not depend on it).
# Outside CI, a machine that cannot compile skips them, saying so; in CI they must run.
unit-compiled: compiled
	@if [ -n "$$CI" ] || PYTHONPATH=$(COMPILED) $(BIN)/python -c \
		'import sys; from qaznews.build import build_kind; sys.exit(build_kind() != "compiled")'; \
	then QAZNEWS_EXPECT_COMPILED=1 PYTHONPATH=$(COMPILED) $(BIN)/pytest -q --ignore=tests/test_browser.py; \
	else echo "the build is pure (no C compiler or Python headers): the compiled build's tests are skipped"; fi

test: lint types unit unit-compiled

eval: install
	$(BIN)/qaznews eval parse --gold ../shared/samples/gold ../shared/samples
	$(BIN)/qaznews eval stories --gold ../shared/samples/gold/duplicates.json ../shared/samples
	$(BIN)/qaznews eval stories --gold tests/data/stories/duplicates.json \
		--traps tests/data/stories/traps.json tests/data/stories
	$(BIN)/qaznews eval html --pages tests/data/web/pages --truth tests/data/web/truth.json
	$(BIN)/qaznews eval events --gold ../shared/samples/gold/events.json ../shared/samples

bench: compiled
	PYTHONPATH=$(COMPILED) $(BIN)/python bench/bench_parse.py

bench-stories: install
	$(BIN)/python bench/bench_stories.py

bench-html: install
	$(BIN)/python bench/bench_html.py

bench-enrich: install
	$(BIN)/python bench/bench_enrich.py

clean:
	rm -rf $(VENV) $(COMPILED) build .demo .mypy_cache .pytest_cache .ruff_cache
