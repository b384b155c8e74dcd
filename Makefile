# agent-jogunshop — every target installs what it needs into .venv itself.
SHELL := /bin/bash
# The interpreter the venv is made with: 3.12 (the Lambda image's) even when pyenv hides it behind a
# refusing shim, else the newest >= 3.11 (scripts/find-python.sh). Looked up once, and only when needed.
PYTHON_BOOT ?= $(eval PYTHON_BOOT := $(shell scripts/find-python.sh 2>/dev/null))$(PYTHON_BOOT)
BOOT_VERSION = $(eval BOOT_VERSION := $(if $(PYTHON_BOOT),$(shell $(PYTHON_BOOT) -c 'import sys; print("%d.%d" % sys.version_info[:2])')))$(BOOT_VERSION)
VENV := .venv
PY := $(VENV)/bin/python
# One stamp per minor version: a venv made by another Python than the one found is made again.
STAMP = $(VENV)/.installed-$(or $(BOOT_VERSION),none)

.PHONY: install test demo bench lint validate clean voc-report deploy first-run url invoke logs secret upload-ontology

$(VENV)/.installed-%: requirements.txt requirements-dev.txt
	@test -n "$(PYTHON_BOOT)" || { echo "Python >= 3.11 is required (3.12 preferred, as in the Lambda image): install it (pyenv install 3.12) and run make again"; exit 1; }
	@if [ -x $(PY) ] && [ "$$($(PY) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)" != "$(BOOT_VERSION)" ]; then \
		echo "$(VENV) was made by another Python than $(PYTHON_BOOT) ($(BOOT_VERSION)): making it again"; rm -rf $(VENV); fi
	@test -x $(PY) || $(PYTHON_BOOT) -m venv $(VENV)
	@echo "$(VENV) uses $(PYTHON_BOOT) (Python $(BOOT_VERSION))"
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt -r requirements-dev.txt
	@rm -f $(VENV)/.installed*
	@touch $@

install: $(STAMP)

test: $(STAMP)
	@$(PY) -c 'import sys; print(f"Python {sys.version.split()[0]} ({sys.executable})")'
	$(PY) -m core.ontology_manager validate data/ontology.owl
	$(VENV)/bin/statelint --ignore=FLOAT statemachine.json
	$(VENV)/bin/cfn-lint template.yaml
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
	rm -rf $(VENV) .pytest_cache .bench .aws-sam

# --- the stack on AWS: your AWS CLI / SAM CLI and credentials; never run by the tests -----------------
# STACK_NAME and REGION come from samconfig.toml once the first (guided) `make deploy` wrote it.
STACK_NAME ?= $(or $(shell sed -n 's/^stack_name *= *"\(.*\)"/\1/p' samconfig.toml 2>/dev/null | head -n1),jogunshop)
REGION ?= $(or $(shell sed -n 's/^region *= *"\(.*\)"/\1/p' samconfig.toml 2>/dev/null | head -n1),$(AWS_REGION),ap-northeast-2)
OPS = STACK_NAME="$(STACK_NAME)" REGION="$(REGION)" scripts/ops.sh

deploy:                 ## sam build + sam deploy (guided the first time), Channel.io keys, then the webhook URL
	@$(OPS) deploy
	@$(MAKE) --no-print-directory first-run url

first-run:
	@$(OPS) first-run

url:                    ## the webhook URL (with its token) to register in Channel.io
	@$(OPS) url

invoke:                 ## EVENT=events/test_message.json through `aws lambda invoke` (chat "test": nothing is posted)
	@$(OPS) invoke

logs:                   ## follow the function's log (AWS CLI v2)
	@$(OPS) logs

secret:                 ## NAME=CHANNEL_ACCESS_SECRET: store one secret setting (asked for, hidden)
	@$(OPS) secret

upload-ontology:        ## FILE=shop.owl: validate, upload to the stack's bucket, build its index
	@$(OPS) check-upload
	@$(MAKE) --no-print-directory $(STAMP)
	@PY=$(PY) $(OPS) upload-ontology
