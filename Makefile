# agent-jogunshop — every target installs what it needs into .venv itself.
SHELL := /bin/bash
PYTHON_BOOT ?= $(shell for p in python3.12 python3.13 python3.11 python3; do \
	if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then command -v $$p; break; fi; done)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install test demo bench lint validate clean voc-report

$(STAMP): requirements.txt requirements-dev.txt
	@test -n "$(PYTHON_BOOT)" || { echo "Python >= 3.11 is required (python3.12 preferred)"; exit 1; }
	@test -x $(PY) || $(PYTHON_BOOT) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt -r requirements-dev.txt
	@touch $(STAMP)

install: $(STAMP)

test: $(STAMP)
	$(PY) -m core.ontology_manager validate data/ontology.owl
	$(VENV)/bin/statelint --ignore=FLOAT statemachine.json
	$(PY) -m pytest -q

demo: $(STAMP)
	$(PY) -m devstack.demo

bench: $(STAMP)
	$(PY) -m bench.run

# The weekly VOC report by hand: last ISO week (or WEEK=2026-W48) from DYNAMODB_TABLE_NAME, posted once to
# the configured destination (SLACK_BOT_TOKEN + VOC_SLACK_CHANNEL, or VOC_CHANNEL_GROUP_ID), then printed.
voc-report: $(STAMP)
	$(PY) -m core.voc report --post $(if $(WEEK),--week $(WEEK),)

clean:
	rm -rf $(VENV) .pytest_cache .bench
