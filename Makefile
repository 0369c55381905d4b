# Deep Learning, Executed — the two commands: `make book` and `make test`.
# Each sets up .venv itself (only when the requirement files changed).

PYTHON ?= python3
REQS   ?= requirements.txt
# Tests, benchmarks, the PDF printer, the live preview and the data
# scripts: `make test` (and friends) add these; `make book` and Binder don't.
DEV    := requirements-dev.txt
VENV   := .venv
VPY    := $(VENV)/bin/python
# Each stamp is keyed on the content of the requirement files it installed
# and of code/pyproject.toml: change a pin and the next make reinstalls.
hash = $(shell cat $(1) code/pyproject.toml 2>/dev/null | $(PYTHON) -c "import hashlib,sys; print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest()[:16])")
STAMP     := $(VENV)/.installed-$(notdir $(REQS))-$(call hash,$(REQS) requirements-common.txt)
DEV_STAMP := $(VENV)/.installed-dev-$(call hash,$(REQS) requirements-common.txt $(DEV))
PORT   ?= 8000
# pytest-xdist workers; each test file (and each notebook) stays on one worker.
TEST_WORKERS ?= 2

.PHONY: book test serve venv dev clean clean-cache help notebooks chapter \
	bench pdf watch determinism

help:
	@echo "make book   build the site into _build/html (executes changed chapters)"
	@echo "make test   run every test: dlbook units, notebooks (nbval, JAX), builds, PDF, browser"
	@echo "make determinism [NB=part/slug]  run every chapter (or one) twice and compare key cells"
	@echo "make serve  serve _build/html on http://127.0.0.1:$(PORT)"
	@echo "make watch  live preview on http://127.0.0.1:$(PORT): rebuilds and reloads on save"
	@echo "make pdf    print the whole book to _build/pdf/deep-learning-executed.pdf"
	@echo "make notebooks  regenerate the Colab notebooks in notebooks/ from the chapters"
	@echo "make chapter NAME=part/slug TITLE=\"...\"  start a chapter from the template"
	@echo "make bench  measure build times (TensorFlow and JAX) into bench/results.*"
	@echo "make clean  remove _build (the execution cache too)"

venv: $(STAMP)
dev: $(DEV_STAMP)

$(STAMP): $(REQS) requirements-common.txt code/pyproject.toml
	@$(PYTHON) -c "import sys; sys.exit(0 if sys.version_info >= (3, 11) else 'Python 3.11+ is needed; found ' + sys.version.split()[0] + '. Set PYTHON=python3.11 (or newer).')"
	@$(PYTHON) -c "import venv, ensurepip" 2>/dev/null || { echo "Python's venv module is missing: sudo apt-get install python3-venv (Debian/Ubuntu)"; exit 1; }
	@# Switching CPU <-> GPU requirements: start from a clean venv ("never both").
	@if ls $(VENV)/.installed-*.txt-* >/dev/null 2>&1 && ! ls $(VENV)/.installed-$(notdir $(REQS))-* >/dev/null 2>&1; then \
		echo "Requirement set changed to $(REQS): recreating $(VENV)"; rm -rf $(VENV); fi
	@test -x $(VPY) || $(PYTHON) -m venv $(VENV)
	$(VPY) -m pip install --quiet --upgrade pip
	$(VPY) -m pip install --quiet -r $(REQS)
	$(VPY) -m pip install --quiet --no-deps -e code
	@rm -f $(VENV)/.installed-*.txt-*
	@touch $(STAMP)

$(DEV_STAMP): $(STAMP) $(DEV)
	$(VPY) -m pip install --quiet -r $(REQS) -r $(DEV)
	@rm -f $(VENV)/.installed-dev-*
	@touch $(DEV_STAMP)

book: venv
	$(VPY) -m dlbook.tools.build .

# The test suite needs the built site (browser tests read it), the PDF and
# the executed notebooks the build leaves in _build/jupyter_execute.
# tests/test_backends*.py run every Keras chapter again under JAX. nbval
# runs the chapters in NBVAL a second time on TensorFlow and compares the
# cells marked NBVAL_CHECK_OUTPUT: the check that a chapter is
# deterministic. make test re-runs Part I, the cheapest training chapter
# (regression) and the one with a hand-written training step (gans), which
# keeps it under 25 minutes on 2 cores; `make determinism` re-runs every
# chapter (about 12 CPU-minutes), `make determinism NB=architectures/cnn` one.
EXECUTED := _build/jupyter_execute/book
NBVAL    := $(EXECUTED)/intro.ipynb $(EXECUTED)/foundations \
	$(EXECUTED)/keras/regression.ipynb $(EXECUTED)/architectures/gans.ipynb
NBVAL_ARGS := --nbval-lax --nbval-sanitize-with tests/nbval_sanitize.cfg
test: dev
	$(VPY) -m pip check
	$(VPY) -m dlbook.tools.build .
	$(VPY) -m dlbook.tools.pdf --skip-without-chromium
	$(VPY) -m pytest -n $(TEST_WORKERS) --dist loadfile --durations=25 \
		tests $(NBVAL) $(NBVAL_ARGS)

NB ?=
determinism: dev
	$(VPY) -m dlbook.tools.build .
	$(VPY) -m pytest -n $(TEST_WORKERS) --dist loadfile \
		$(if $(NB),$(EXECUTED)/$(NB).ipynb,$(EXECUTED)) $(NBVAL_ARGS)

pdf: dev
	$(VPY) -m dlbook.tools.pdf

watch: dev
	$(VPY) -m dlbook.tools.watch --port $(PORT)

notebooks: book
	$(VPY) -m dlbook.tools.notebooks

# Measures; never fails on a slow machine. Writes bench/results.{json,md}.
# BENCH_ARGS="--skip-test" leaves out the (long) timing of make test.
bench: dev
	$(VPY) -m dlbook.tools.bench $(BENCH_ARGS)

chapter: venv
	@test -n "$(NAME)" -a -n "$(TITLE)" || { echo 'usage: make chapter NAME=part/slug TITLE="Chapter title"'; exit 2; }
	$(VPY) -m dlbook.tools.new_chapter "$(NAME)" "$(TITLE)"

serve:
	@test -f _build/html/index.html || { echo "No site yet: run 'make book' first."; exit 1; }
	@echo "Serving the book on http://127.0.0.1:$(PORT) (Ctrl-C to stop)"
	$(PYTHON) -m http.server $(PORT) --bind 127.0.0.1 --directory _build/html

clean:
	rm -rf _build

clean-cache:
	rm -rf _build/.jupyter_cache
