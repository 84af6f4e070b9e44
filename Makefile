# Two commands on a fresh machine:  `make run`  and  `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8501

.PHONY: setup browser build run test bench docs clean

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $(STAMP)

setup: $(STAMP)

# Debian's Chromium and Japanese fonts, for the browser tests and screenshots.
browser:
	@if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-noto-cjk; \
	fi

build: setup
	$(BIN)/python -m sangaku build

run: build
	$(BIN)/streamlit run app.py --server.port $(PORT)

test: setup browser
	$(BIN)/python -m pytest

bench: setup browser
	$(BIN)/python benchmarks/pages.py
	$(BIN)/python benchmarks/map.py
	$(BIN)/python benchmarks/kiosk.py

docs: setup
	$(BIN)/python -m sangaku docs

clean:
	rm -rf $(VENV) data/sangaku.duckdb tests/artifacts
