# tracewire: the two commands a user needs are `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
SHARED ?= ../shared/data
TRACEWIRE_LISTS ?= $(SHARED)/lists
DEMO_DB ?= demo.db

.PHONY: demo test venv dev lint typecheck pytest bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

venv: $(BIN)/python
	$(BIN)/pip install -q -e .

dev: $(BIN)/python
	$(BIN)/pip install -q -e '.[dev]'

demo: venv
	TRACEWIRE_LISTS=$(TRACEWIRE_LISTS) TRACEWIRE_DB=$(DEMO_DB) bash scripts/demo.sh

lint: dev
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts

typecheck: dev
	$(BIN)/mypy

# The matching tests run a second time on the Python reference alone (the compiled core's
# guard, tests/match/align/test_core_is_built.py, fails the first run if the core was not
# built). The hash-seed test is left to the first run: it builds whole indexes in fresh
# interpreters, which takes minutes on the reference.
pytest: dev
	$(BIN)/pytest
	TRACEWIRE_PURE_PYTHON=1 $(BIN)/pytest tests/match \
	  --deselect tests/match/running/test_determinism.py::test_same_ranking_under_different_hash_seeds

test: lint typecheck pytest

bench: dev
	$(BIN)/python bench/load_lists.py
	$(BIN)/python bench/hostile_files.py
	$(BIN)/python bench/screening.py
	$(BIN)/python bench/parts.py

clean:
	rm -rf $(VENV) $(DEMO_DB) .mypy_cache .pytest_cache .ruff_cache
