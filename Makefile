# One-word commands; README and .ci/run use these.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PYTEST_ARGS ?=

.PHONY: install demo test check bench clean

$(BIN)/pulso: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(BIN)/pulso

install: $(BIN)/pulso

demo: install  ## the whole pipeline offline on bundled data, into ./pulso-demo
	$(BIN)/pulso demo

test: install  ## the test suite (PostgreSQL tests run when PULSO_TEST_POSTGRES_URL is set)
	$(BIN)/pytest $(PYTEST_ARGS)

check: install  ## lint, format, layer contracts, types
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

bench: install  ## benchmarks; figures as ratios against a baseline measured in the same run
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) pulso-demo .pytest_cache .mypy_cache .ruff_cache
