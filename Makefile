# Every target sets up what it needs: .venv is created or refreshed from the
# pinned lock file (requirements/dev.txt) whenever the pins or pyproject change.
# Nothing here needs more than Python 3.11+ and make on a fresh Linux machine.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SPHINXOPTS ?= -W --keep-going -n
# Reproducible output (figures' metadata, dates): the commit's own time.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 1767225600)
export PYTHONHASHSEED := 0
export MPLBACKEND := Agg

.DEFAULT_GOAL := help
.PHONY: help venv test lint typecheck unit docs docs-ko docs-en doctest serve \
        bench bench-docs translations lock browser-deps clean

help:  ## List the targets.
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

$(STAMP): requirements/dev.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/dev.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $@

venv: $(STAMP)  ## Create or refresh .venv from the pins.

lint: $(STAMP)  ## ruff: lint and format check.
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)  ## mypy --strict on src, tests and benchmarks.
	$(BIN)/mypy

unit: $(STAMP)  ## pytest: the library's tests and its docstring examples.
	$(BIN)/pytest tests/lib src/activation_functions

test: lint typecheck unit  ## Everything that checks the project.

bench: $(STAMP)  ## Speed ratios against a copy, SciPy, plain NumPy (and torch if installed).
	$(BIN)/python benchmarks/bench_activations.py

lock:  ## Regenerate requirements/*.txt from pyproject.toml (needs network to PyPI).
	$(PYTHON) -m pip install --quiet --target build/uv uv==0.13.8
	PYTHONPATH=build/uv build/uv/bin/uv pip compile pyproject.toml --extra test --extra docs --extra bench --extra dev \
	  --python-version 3.11 --generate-hashes --custom-compile-command "make lock" -o requirements/dev.txt
	PYTHONPATH=build/uv build/uv/bin/uv pip compile pyproject.toml --extra docs \
	  --python-version 3.11 --generate-hashes --custom-compile-command "make lock" -o requirements/docs.txt

clean:  ## Remove build outputs and caches (keeps .venv).
	rm -rf build .jupyter_cache .pytest_cache .mypy_cache .ruff_cache .hypothesis
