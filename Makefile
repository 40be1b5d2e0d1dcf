# The two commands of the README:
#   make demo   set up, build the graph, answer a causal question on the embedded store
#   make test   set up, lint, run the tests
# Everything installs into .venv from PyPI, pinned by requirements.lock.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test install graphviz tools typecheck build check bench clean

demo: install graphviz
	$(BIN)/spinekg build
	$(BIN)/spinekg query muscles_weakened_by_herniation --param disc=L4-L5 --param zone=paracentral

test: install tools typecheck
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

# mypy --strict over the package as installed: loaders/, queries/ and ontology/ sit inside
# spinekg/ there (package-dir), so mypy reads a tree of links that places them so.
typecheck: install
	rm -rf build/typecheck && mkdir -p build/typecheck/spinekg
	ln -s $(CURDIR)/src/spinekg/* $(CURDIR)/loaders $(CURDIR)/queries $(CURDIR)/ontology build/typecheck/spinekg/
	ln -s $(CURDIR)/tests build/typecheck/tests
	cd build/typecheck && MYPYPATH=. $(CURDIR)/$(BIN)/mypy --config-file $(CURDIR)/pyproject.toml spinekg tests

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[build,serve,cluster,test]'
	touch $@

# wrk, the load generator of the saturation test and benchmark, Virtuoso, the second
# triple store that publish and --endpoint are tested against, and Chromium, the browser the
# site is tested in, from the system's packages
# where the set-up may install them (as root, with apt; the package cannot start Virtuoso's
# own service in a container, and need not: the tests start their own server); elsewhere
# those tests are skipped and say why.
tools: graphviz
	@$(call system_tool,wrk,wrk,the saturation test will be skipped)
	@$(call system_tool,virtuoso-t,virtuoso-opensource,the Virtuoso tests will be skipped)
	@$(call system_tool,chromium,chromium,the site's browser test will be skipped)

# Graphviz's dot draws the diagrams (explain and localize --format svg, the site's pictures),
# from the system's packages where the set-up may install it; elsewhere those say how to get
# it (--format dot and mermaid need nothing).
graphviz:
	@$(call system_tool,dot,graphviz,SVG diagrams will say so)

# $(call system_tool,COMMAND,PACKAGE,WHAT HAPPENS WITHOUT IT): install Debian's PACKAGE as root
# with apt (updating the package lists once if the first try fails) unless COMMAND is there;
# elsewhere, a note that says how to get it.
system_tool = command -v $(1) >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
	  { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(2) >/dev/null 2>&1 || \
	    { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive \
	      apt-get install -y -qq $(2) >/dev/null 2>&1; }; }; \
	  command -v $(1) >/dev/null; } || \
	  echo "note: $(2) is not installed (apt-get install $(2)); $(3)"

build: install
	$(BIN)/spinekg build

check: install
	$(BIN)/spinekg check

bench: install tools
	$(BIN)/python benchmarks/build.py
	$(BIN)/python benchmarks/reasoning.py
	$(BIN)/python benchmarks/text_quality.py
	$(BIN)/python benchmarks/text_speed.py
	$(BIN)/python benchmarks/vignettes.py
	$(BIN)/python benchmarks/queries.py
	$(BIN)/python benchmarks/load.py
	$(BIN)/python benchmarks/saturation.py
	$(BIN)/python benchmarks/endpoint.py
	$(BIN)/python benchmarks/fuzz.py
	$(BIN)/python benchmarks/startup.py

clean:
	rm -rf $(VENV) dist build .pytest_cache .ruff_cache .mypy_cache
