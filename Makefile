# Behind the API: every task a newcomer, an instructor or CI needs. See README.md.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000
# MkDocs' end-of-life banner: DESIGN.md already plans for it (the site builds with Zensical too).
export NO_MKDOCS_2_WARNING := 1

.PHONY: install browser prepare serve site test lab bench pdf clean

install: $(STAMP)

# Pinned versions live in constraints.txt; re-install only when it or pyproject.toml changes.
$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python >= 3.11 is needed")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e ".[dev]"
	$(PY) -m pip install --quiet --no-deps -c constraints.txt crowd-kit
	$(PY) -m ipykernel install --sys-prefix --name python3 > /dev/null
	touch $(STAMP)

# Browser tests drive Debian's Chromium (no browser download; none would succeed here).
browser:
	@command -v chromium > /dev/null || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium > /dev/null; }

# Generated pages: the labs (executed, cached), the glossary tooltips, the API reference.
prepare: install
	$(PY) tools/render_labs.py
	$(PY) tools/glossary.py
	$(PY) tools/api_reference.py

serve: prepare
	$(VENV)/bin/mkdocs serve --dev-addr $(HOST):$(PORT) --livereload

site: prepare
	$(VENV)/bin/mkdocs build --strict

test: install browser
	$(VENV)/bin/pytest

lab: install
	$(VENV)/bin/jupyter lab notebooks/

bench: install
	$(PY) benchmarks/run.py

# Printable handouts: the seminar worksheets as PDF, in build/handouts/.
pdf: install browser
	$(PY) tools/handouts.py

clean:
	rm -rf site build docs/labs docs/reference .pytest_cache .hypothesis
	find . -name __pycache__ -prune -not -path './$(VENV)/*' -exec rm -rf {} +
