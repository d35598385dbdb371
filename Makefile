# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
TELNET ?= tcp:8023
HTTP ?= tcp:8080

.PHONY: install install-test run test lint eval bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# `make run` needs the runtime only; `make test` (and lint, bench) add the test
# extras on top. Each re-installs when the project description changes.
$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install -q -e .
	$(BIN)/python -c "from twisted.plugin import IPlugin, getPlugins; list(getPlugins(IPlugin))"
	$(BIN)/python -c "from fwbot.language import warm_up; warm_up()"  # build the lemma tries once
	touch $(STAMP)

$(TEST_STAMP): $(STAMP)
	$(BIN)/pip install -q -e '.[test]'
	touch $(TEST_STAMP)

install: $(STAMP)

install-test: $(TEST_STAMP)

# --pidfile= : no twistd.pid left in the checkout (-n runs in the foreground).
run: $(STAMP)
	@echo "fwbot: telnet localhost 8023 | http://localhost:8080/ | ws://localhost:8080/ws"
	$(BIN)/twistd -n --pidfile= fwbot --telnet=$(TELNET) --http=$(HTTP)

test: $(TEST_STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# ruff on everything, mypy on src/ and the plugin ([tool.mypy] in pyproject.toml).
lint: $(TEST_STAMP)
	$(BIN)/ruff check src tests twisted bench
	$(BIN)/mypy

eval: $(STAMP)
	$(BIN)/python -m fwbot.eval

bench: $(TEST_STAMP)
	$(BIN)/python bench/run.py $(if $(PEERS),--peers,) $(if $(FULL),--full,)

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache
	find . -name dropin.cache -delete
