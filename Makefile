# Behind the API: every task a newcomer, an instructor or CI needs. See README.md.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
HOST   ?= 127.0.0.1
PORT   ?= 8000
# MkDocs' end-of-life banner: DESIGN.md already plans for it (the site builds with Zensical too).
export NO_MKDOCS_2_WARNING := 1

# uv installs the same pinned versions much faster; without it (or with `make UV=`), pip does.
UV ?= $(shell command -v uv 2> /dev/null)
ifneq ($(UV),)
NEW_VENV    = $(UV) venv --quiet --seed --python $(PYTHON) $(VENV)
PIP_INSTALL = $(UV) pip install --quiet --python $(PY)
else
NEW_VENV    = $(PYTHON) -m venv $(VENV)
PIP_INSTALL = $(PY) -m pip install --quiet
endif

.PHONY: install install-lab install-site browser prepare serve site test lab bench pdf clean

# Each task installs only what it needs (extras in pyproject.toml, versions in constraints.txt):
# lab = JupyterLab and the labs; site = render the labs and build the site; dev = all, tests included.
install: $(VENV)/.installed-dev
install-lab: $(VENV)/.installed-lab
install-site: $(VENV)/.installed-site

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is needed: make PYTHON=python3.12 (or the name of yours)")'
	$(NEW_VENV)

# Re-install only when pyproject.toml or constraints.txt changes; one stamp per extra.
$(VENV)/.installed-%: pyproject.toml constraints.txt | $(PY)
	$(PIP_INSTALL) -c constraints.txt -e ".[$*]"
	$(if $(filter dev,$*),$(PIP_INSTALL) --no-deps -c constraints.txt crowd-kit)
	$(PY) -m ipykernel install --sys-prefix --name python3 > /dev/null
	touch $@ $(if $(filter dev,$*),$(VENV)/.installed-lab $(VENV)/.installed-site)

# The browser tests and the PDFs need a Chromium (tools/chromium.py finds it). Where there is
# none, install Debian's with apt-get if this machine has it (as root, or with sudo), else say what to do.
browser: $(VENV)/.installed-dev
	@$(PY) tools/chromium.py > /dev/null || { \
	  if command -v apt-get > /dev/null && { [ "$$(id -u)" = 0 ] || command -v sudo > /dev/null; }; then \
	    echo "Installing Debian's chromium for the browser tests"; \
	    SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	    $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium > /dev/null; \
	  else $(PY) tools/chromium.py; exit 1; fi; }

# Generated pages: the labs (executed, cached), the glossary tooltips, the API reference, the
# booth's batches, the self-checks, the lab bundle, the session packs (PDFs only where a Chromium
# is found). tests/conftest.py runs the same tools.
prepare: $(VENV)/.installed-site
	$(PY) tools/render_labs.py
	$(PY) tools/glossary.py
	$(PY) tools/api_reference.py
	$(PY) tools/booth.py
	$(PY) tools/explorers.py
	$(PY) tools/self_check.py
	$(PY) tools/module_times.py
	$(PY) tools/bundle.py
	$(PY) tools/packs.py

serve: prepare
	$(VENV)/bin/mkdocs serve --dev-addr $(HOST):$(PORT) --livereload

site: prepare
	$(VENV)/bin/mkdocs build --strict

test: $(VENV)/.installed-dev browser
	$(VENV)/bin/pytest

lab: $(VENV)/.installed-lab
	$(VENV)/bin/jupyter lab exercises/labs/

bench: $(VENV)/.installed-dev
	$(PY) benchmarks/run.py

# The session packs' PDFs (worksheets, readings, answer keys; A4 and US Letter) in docs/packs/.
pdf: $(VENV)/.installed-site
	$(PY) tools/render_labs.py
	$(PY) tools/packs.py

clean:
	rm -rf site build docs/labs docs/reference docs/downloads docs/packs docs/booth/batches docs/explorers/data .pytest_cache .hypothesis
	find . -name __pycache__ -prune -not -path './$(VENV)/*' -exec rm -rf {} +
