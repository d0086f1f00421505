# The two commands: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed

.PHONY: run test install lock clean bench benchmark

$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is required, found " + sys.version.split()[0]'
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -c requirements.lock ".[dev]"
	touch $(STAMP)

install: $(STAMP)

run: install
	scripts/run.sh

test: install
	scripts/test.sh

# EMPACT at one and ten times its size: lists against their floor, growth, pages, load, export;
# one table with PASS/FAIL per target, also written to docs/benchmarks.md. See README.md.
bench: install
	scripts/bench.sh

benchmark: bench

# Refresh requirements.lock after changing dependencies in pyproject.toml.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --upgrade pip
	.lock-venv/bin/pip install --quiet ".[dev]"
	.lock-venv/bin/pip freeze --exclude empact > requirements.lock
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) var/static

# PNGs of the main pages from the demo data, for README.md (needs Debian's chromium).
.PHONY: screenshots
screenshots: install
	bash -c 'source scripts/lib/common.sh && require_packages chromium:chromium'
	$(VENV)/bin/python scripts/screenshots.py
