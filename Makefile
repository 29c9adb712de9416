# broadcast.video toolchain. Needs only python3 (3.11+) and PyPI.
#
#   make demo     simulators + playbooks/demo.yml, twice (second run changed=0)
#   make test     every quality gate, in order, stopping at the first failure
#   make help     all targets
#
# Tool venvs:
#   .venv/core219  python3 + ansible-core 2.19 + tests/requirements-dev.txt
#   .venv/core221  Python >= 3.12 (found by tools/find_python.sh; override with
#                  PY_NEW=/path/to/python3.x) + ansible-core 2.21. Skipped, with a
#                  note, when the machine has no Python >= 3.12.
# ansible-test runs from the copy in .build/ansible_collections/broadcast/video
# (tools/sync_build.py keeps it in sync before every gate).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

PYTHON ?= python3
VENV := .venv
V219 := $(VENV)/core219
V221 := $(VENV)/core221
PY_NEW ?=
PYNEW := $(shell PY_NEW='$(PY_NEW)' tools/find_python.sh)
# KEEP_GOING=1 makes `make test` run every stage even after a failure (exit status still non-zero).
# `mypy --strict` over plugins/module_utils is part of `make test` (MYPY_STRICT=0 leaves it out).
MYPY_STRICT ?= 1
# Optional: TARGETS="a b" limits integration targets; SANITY_ARGS/INTEGRATION_ARGS pass through.
TARGETS ?=
SANITY_ARGS ?=
INTEGRATION_ARGS ?=

NO_PY_NEW_NOTE := no Python >= 3.12 found (tried pyenv versions 3.12-3.14 and python3.14/3.13/3.12 on PATH); the ansible-core 2.21 legs are skipped

COLL := .build/ansible_collections/broadcast/video

.PHONY: help venv venv-219 venv-221 pip-shim build sanity sanity-219 sanity-221 units \
	integration integration-219 integration-221 lint changelog-lint quality mypy test demo bench clean \
	report-test screenshots

help:
	@echo "make demo             start the simulators, run playbooks/demo.yml twice (2nd: changed=0)"
	@echo "make test             venv, changelog-lint, quality, sanity, units, integration, report-test, lint"
	@echo "                      (includes mypy --strict; MYPY_STRICT=0 leaves it out)"
	@echo "make venv             tool venvs .venv/core219 and .venv/core221 + offline get-pip shim"
	@echo "make sanity           ansible-test sanity on 2.19 and 2.21   (sanity-219, sanity-221)"
	@echo "make units            pytest tests/unit with coverage of plugins/"
	@echo "make integration      ansible-test integration on 2.19 and 2.21 (TARGETS=... to limit)"
	@echo "make lint             ansible-lint --profile production over roles/ and playbooks/"
	@echo "make changelog-lint   antsibull-changelog lint"
	@echo "make quality          check docs/quality/*.yml against the quality scale"
	@echo "make mypy             mypy --strict over plugins/module_utils"
	@echo "make report-test      the health report of the simulators, checked in headless Chromium"
	@echo "                      (installs Debian's chromium and chromium-driver when missing)"
	@echo "make screenshots      the report's screenshots for the docs (SCREENSHOTS_DIR=$(SCREENSHOTS_DIR))"
	@echo "make bench            python benchmarks/run.py (if present)"
	@echo "make build            sync the working tree into $(COLL)"
	@echo "make clean            remove .venv, .build, tests/output and caches"
	@echo "python >= 3.12 for the 2.21 legs: $(if $(PYNEW),$(PYNEW),none)"

# ---------------------------------------------------------------- venvs
$(V219)/.stamp: tests/requirements-core219.txt tests/requirements-dev.txt requirements.txt tools/mkvenv.sh
	tools/mkvenv.sh $(PYTHON) $(V219) tests/requirements-core219.txt
	@touch $@

$(V221)/.stamp: tests/requirements-core221.txt requirements.txt tools/mkvenv.sh
	tools/mkvenv.sh $(PYNEW) $(V221) tests/requirements-core221.txt
	@touch $@

venv-219: $(V219)/.stamp

venv-221: $(if $(PYNEW),$(V221)/.stamp)
	$(if $(PYNEW),,@echo "NOTE: $(NO_PY_NEW_NOTE)")

# The offline get-pip bootstrap for ansible-test (practice doc section 3.2); cheap, always checked.
pip-shim: venv-219 venv-221
	@$(V219)/bin/python tools/pip_shim.py $(VENV)/pipwheel $(V219)/bin/python $(if $(PYNEW),$(V221)/bin/python)

venv: venv-219 venv-221 pip-shim
	@echo "venv: ready: $(V219)$(if $(PYNEW), and $(V221))"

build:
	@$(PYTHON) tools/sync_build.py

# ---------------------------------------------------------------- gates
sanity: sanity-219 sanity-221

sanity-219: venv
	tools/ansible_test.sh $(V219) sanity $(SANITY_ARGS)

sanity-221: venv
ifeq ($(PYNEW),)
	@echo "NOTE: sanity-221 skipped: $(NO_PY_NEW_NOTE)"
else
	tools/ansible_test.sh $(V221) sanity $(SANITY_ARGS)
endif

units: venv
	tools/units.sh $(V219)

integration: integration-219 integration-221

integration-219: venv
	tools/ansible_test.sh $(V219) integration $(INTEGRATION_ARGS) $(TARGETS)

integration-221: venv
ifeq ($(PYNEW),)
	@echo "NOTE: integration-221 skipped: $(NO_PY_NEW_NOTE)"
else
	tools/ansible_test.sh $(V221) integration $(INTEGRATION_ARGS) $(TARGETS)
endif

lint: venv
	tools/lint.sh $(V219)

changelog-lint: venv
	$(V219)/bin/antsibull-changelog lint

quality: venv
	$(V219)/bin/python tools/check_quality.py

mypy: venv
	tools/mypy.sh $(V219)

# The health report's browser test: simulators, broadcast.video.health, tools/check_report.py in Chromium.
report-test: venv
	tools/report_test.sh $(V219)

SCREENSHOTS_DIR ?= docs/guides/img
screenshots: venv
	tools/report_test.sh $(V219) --screenshots $(SCREENSHOTS_DIR)

# Stages run by tools/run_stages.sh (one sub-make each, stop at the first failure).
# A trailing "?" marks a stage that is skipped when SKIP_<STAGE> is set.
TEST_STAGES := venv changelog-lint quality sanity-219 sanity-221? units integration-219 integration-221? report-test \
	lint \
	$(if $(filter 1 yes true,$(MYPY_STRICT)),mypy)

test:
ifeq ($(PYNEW),)
	@echo "NOTE: $(NO_PY_NEW_NOTE)"
endif
ifeq ($(filter 1 yes true,$(MYPY_STRICT)),)
	@echo "NOTE: mypy --strict is not part of this run (MYPY_STRICT=1 adds it; 'make mypy' runs it alone)"
endif
	@$(if $(KEEP_GOING),KEEP_GOING=1) $(if $(PYNEW),,SKIP_SANITY_221='no Python >= 3.12' SKIP_INTEGRATION_221='no Python >= 3.12') \
		tools/run_stages.sh $(TEST_STAGES)

# ---------------------------------------------------------------- demo / bench
demo: venv
	tools/demo.sh $(V219)

bench: venv
	@if [ -f benchmarks/run.py ]; then \
		$(V219)/bin/python tools/sync_build.py >/dev/null; \
		echo "+ python benchmarks/run.py"; \
		PATH="$(CURDIR)/$(V219)/bin:$$PATH" ANSIBLE_COLLECTIONS_PATH="$(CURDIR)/.build" \
			$(V219)/bin/python benchmarks/run.py; \
	else \
		echo "NOTE: benchmarks/run.py does not exist yet; nothing to benchmark"; \
	fi

clean:
	rm -rf .venv .build tests/output benchmarks/results .mypy_cache .pytest_cache .ansible htmlcov .coverage .coverage.*
	find . -name __pycache__ -type d -prune -not -path './.git/*' -exec rm -rf {} +
	@echo "clean: done (ansible-test's own venvs in ~/.ansible/test are kept)"
