# kiz-graph: `make demo` runs the app on a seeded local Neo4j, `make test` runs every test.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
KIZ    := $(BIN)/kiz-graph
STAMP  := $(VENV)/.installed

.PHONY: demo test browser bench neo4j-start neo4j-stop clean

# The virtual environment, reinstalled when pyproject.toml changes.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

neo4j-start: $(STAMP)
	$(KIZ) neo4j start

neo4j-stop: $(STAMP)
	$(KIZ) neo4j stop

demo: neo4j-start
	$(KIZ) db migrate
	$(KIZ) seed --demo --scale demo
	$(KIZ) users demo
	$(KIZ) serve --demo --host 127.0.0.1 --port 5000

# Debian's chromium for the browser tests, installed only when missing (needs root, as on CI),
# and axe-core from the npm registry for the accessibility checks.
# Playwright drives chromium as it is: never `playwright install`.
browser:
	command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)
	test -f tests/a11y/node_modules/axe-core/axe.min.js || npm ci --prefix tests/a11y --no-audit --no-fund --silent

# The suite starts its own Neo4j on a free port with a temporary data folder: one per worker,
# two workers (a test file stays on one), the longest files first (tests/conftest.py orders
# them; --no-loadscope-reorder keeps that order). Against an outside NEO4J_URI it runs in one
# process. The 25 slowest steps are listed at the end, so that the suite's time stays in view.
test: $(STAMP) browser
	$(BIN)/python -m pytest $(if $(NEO4J_URI),,-n 2 --dist loadfile --no-loadscope-reorder) --durations=25

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	-$(KIZ) neo4j stop
	rm -rf $(VENV) neo4j/target
