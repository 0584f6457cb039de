# Two commands do everything on a fresh machine with Python 3.11+ and make:
#   make run    set up .venv and start journey-assistant
#   make test   set up .venv with the test tools and run lint, types and every test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP_RUN  := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test
ARGS ?=

.PHONY: run test lint typecheck pytest stress stress-kill bench demo clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; v = sys.version_info; sys.exit(0 if v >= (3, 11) else f"journey-assistant needs Python 3.11 or newer; $(PYTHON) is {v.major}.{v.minor}. Try: make PYTHON=python3.11 ...")'
	$(PYTHON) -m venv $(VENV)

$(STAMP_RUN): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	@touch $@

$(STAMP_TEST): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,dev]'
	@touch $@ $(STAMP_RUN)

run: $(STAMP_RUN)
	$(BIN)/journey $(ARGS)

demo: $(STAMP_RUN)
	$(BIN)/journey demo

lint: $(STAMP_TEST)
	$(BIN)/ruff check assistant tests bench
	$(BIN)/ruff format --check assistant tests bench

typecheck: $(STAMP_TEST)
	$(BIN)/mypy

pytest: $(STAMP_TEST)
	$(BIN)/pytest -q -m "not slow"

test: lint typecheck pytest

# Long runs: 220 SIGKILLs and 10,000 examples per property. Two shards in parallel (this is
# a 2-core machine), balanced by their last timings: the Markdown exporter property with the
# engine's free-answers property (~13 + ~9 min), and everything else (~20 min).
# Prints its duration.
STRESS_ARGS := -q -m slow --hypothesis-profile=stress
STRESS_SHARD := exporters_markdown or engine_any
stress: $(STAMP_TEST)
	@start=$$(date +%s); \
	$(BIN)/pytest $(STRESS_ARGS) -k "$(STRESS_SHARD)" > .stress-exporters.log 2>&1 & shard=$$!; \
	$(BIN)/pytest $(STRESS_ARGS) -s -k "not ($(STRESS_SHARD))"; main=$$?; \
	wait $$shard; other=$$?; cat .stress-exporters.log; rm -f .stress-exporters.log; \
	echo "make stress: $$(( $$(date +%s) - start )) s"; \
	test $$main -eq 0 -a $$other -eq 0

# Only the SIGKILL harness (220 kills), with its summary lines.
stress-kill: $(STAMP_TEST)
	$(BIN)/pytest -q -s -m slow tests/faults/test_faults_kill.py

bench: $(STAMP_TEST)
	@for f in bench/bench_*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis dist build
