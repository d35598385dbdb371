# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TELNET ?= tcp:8023
HTTP ?= tcp:8080

.PHONY: install run test lint eval bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# Re-install when the project description changes.
$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install -q -e '.[test]'
	$(BIN)/python -c "from twisted.plugin import IPlugin, getPlugins; list(getPlugins(IPlugin))"
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	@echo "fwbot: telnet localhost 8023 | http://localhost:8080/ | ws://localhost:8080/ws"
	$(BIN)/twistd -n fwbot --telnet=$(TELNET) --http=$(HTTP)

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check src tests twisted bench

eval: $(STAMP)
	$(BIN)/python -m fwbot.eval

bench: $(STAMP)
	$(BIN)/python bench/run.py $(if $(PEERS),--peers,) $(if $(FULL),--full,)

clean:
	rm -rf $(VENV) build dist .pytest_cache
	find . -name dropin.cache -delete
