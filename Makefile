# Two commands on a fresh machine: `make demo` and `make test` (README, "Quick start").
# Both create .venv if missing and install the locked dependency tree once (re-installed when the lock changes).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# pip 23.2 (what `python3 -m venv` gives here) resolves lxml extras wrongly, so pip is upgraded first.
PIP_VERSION := 26.3

.PHONY: install demo test bench clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "pip==$(PIP_VERSION)"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

demo: install
	$(BIN)/tradewire demo

test: install
	$(BIN)/python -m pytest -q -n auto --dist loadfile

clean:
	rm -rf $(VENV) data .pytest_cache
