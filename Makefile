# The two commands of the README:
#   make demo   set up, build the graph, answer a causal question on the embedded store
#   make test   set up, lint, run the tests
# Everything installs into .venv from PyPI, pinned by requirements.lock.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test install build check bench clean

demo: install
	$(BIN)/spinekg build
	$(BIN)/spinekg query muscles_weakened_by_herniation --param disc=L4-L5 --param zone=paracentral

test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[test]'
	touch $@

build: install
	$(BIN)/spinekg build

check: install
	$(BIN)/spinekg check

bench: install
	$(BIN)/python benchmarks/reasoning.py
	$(BIN)/python benchmarks/text_quality.py
	$(BIN)/python benchmarks/queries.py
	$(BIN)/python benchmarks/load.py

clean:
	rm -rf $(VENV) dist .pytest_cache .ruff_cache
