# Two commands for a newcomer: `make run` and `make test`. Both create .venv on first use.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
export HF_HUB_DISABLE_TELEMETRY := 1

.PHONY: run test lint bench install clean

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	# torch first and pinned: a CPU wheel of exactly 2.13.0 is served locally.
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	@if [ -n "$$TELEGRAM_BOT_TOKEN" ]; then $(VENV)/bin/docbot run; else $(VENV)/bin/docbot chat; fi

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/hadolint Dockerfile

test: lint
	HF_HUB_OFFLINE=1 NO_PROXY=127.0.0.1,localhost $(VENV)/bin/pytest

bench: $(STAMP)
	HF_HUB_OFFLINE=1 NO_PROXY=127.0.0.1,localhost $(PY) -m bench

clean:
	rm -rf $(VENV) data/.pytest
