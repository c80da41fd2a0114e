# One-word commands; README and .ci/run use these.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PYTEST_ARGS ?=
# Parallel test workers (pytest-xdist): `auto` is one per core; PYTEST_WORKERS=0 runs in one process.
PYTEST_WORKERS ?= auto
# What gets installed is pinned, with hashes, in the lock files (`make lock` regenerates them):
# a dependency's new release never changes what a fresh install does.
LOCK := requirements.lock
DEV_LOCK := requirements-dev.lock
LOCK_ARGS ?=
LOCK_VENV ?= $(or $(TMPDIR),/tmp)/pulso-lock-tool
PIP_COMPILE := $(LOCK_VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --no-strip-extras \
	--no-emit-index-url --no-emit-find-links --all-build-deps $(LOCK_ARGS)

.PHONY: install lock demo test check bench clean

# The lock is the whole resolved set (build tools included), so pip installs exactly it
# (--no-deps: nothing resolved again, nothing unlisted fetched), then Pulso itself without the
# registry; `pip check` fails when the lock is older than pyproject.toml or incomplete.
$(BIN)/pulso: pyproject.toml $(LOCK) $(DEV_LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes --no-deps -r $(DEV_LOCK)
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/pip check
	@# pip byte-compiles what it installs, but not an editable project: where PYTHONDONTWRITEBYTECODE
	@# is set (containers, CI), every command would compile Pulso's modules again on each start.
	$(BIN)/python -m compileall -q -j 0 pulso settings collectors valuation flows storage reports importers
	@# Once per install: Prefect migrates the demo's empty database into the user's cache, so the
	@# first `pulso demo` starts from a copy (a cache: should this fail, that demo migrates).
	-$(BIN)/python -m pulso.demo.prefect_server
	touch $(BIN)/pulso

install: $(BIN)/pulso

lock:  ## regenerate the lock files from pyproject.toml (LOCK_ARGS=--upgrade to take new releases)
	rm -rf $(LOCK_VENV)
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/pip install --quiet --upgrade pip "pip-tools>=7.4,<8"
	$(PIP_COMPILE) --output-file $(LOCK) pyproject.toml
	$(PIP_COMPILE) --extra dev --constraint $(LOCK) --output-file $(DEV_LOCK) pyproject.toml
	rm -rf $(LOCK_VENV)

demo: install  ## the whole pipeline offline on bundled data, into ./pulso-demo
	$(BIN)/pulso demo

test: install  ## the test suite (PostgreSQL tests run when PULSO_TEST_POSTGRES_URL is set)
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

check: install  ## lint, format, layer contracts, types
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

bench: install  ## benchmarks; figures as ratios against a baseline measured in the same run
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) pulso-demo .pytest_cache .mypy_cache .ruff_cache
