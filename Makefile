# Two commands for a newcomer: `make run` and `make test`. Both create .venv on first use.
# `make eval` runs the quality gates over real documents (minutes; CI runs it after `make test`).
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
export HF_HUB_DISABLE_TELEMETRY := 1

.PHONY: run test eval lint bench install clean

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	# torch first and pinned: a CPU wheel of exactly 2.13.0 is served locally.
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[dev]'
	# The built-in Chinese embedding model, once per machine (~/.cache/docbot/models or DOCBOT_MODELS_DIR),
	# shared by every data dir, the tests and `docbot eval`. Without it keyword search still works.
	$(VENV)/bin/docbot model || echo "内置中文向量模型未生成：首次自由提问时再生成"
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	@if [ -n "$$TELEGRAM_BOT_TOKEN" ]; then $(VENV)/bin/docbot run; else $(VENV)/bin/docbot chat; fi

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/hadolint Dockerfile

# Every test except the quality gates over real documents (pytest addopts: -m "not eval").
test: lint
	HF_HUB_OFFLINE=1 NO_PROXY=127.0.0.1,localhost $(VENV)/bin/pytest

# The quality gates (tests marked eval): each real document graded alone with the real model.
eval: $(STAMP)
	HF_HUB_OFFLINE=1 NO_PROXY=127.0.0.1,localhost $(VENV)/bin/pytest -m eval

bench: $(STAMP)
	HF_HUB_OFFLINE=1 NO_PROXY=127.0.0.1,localhost $(PY) -m bench

clean:
	rm -rf $(VENV) data/.pytest
