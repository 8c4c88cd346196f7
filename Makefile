# Every target sets up what it needs: .venv is created or refreshed from the
# pinned lock file (requirements/dev.txt) whenever the pins or pyproject change,
# and node_modules from package-lock.json (npm ci) for the targets that build
# the site. The machine needs Python 3.11+, make and git (SOURCE_DATE_EPOCH);
# Node.js 20 and npm for the site (KaTeX typesets the math while Sphinx
# builds); for the browser tests and make bench-docs the Debian packages
# chromium and fonts-nanum (make browser-deps installs them when run as root);
# for the PDF and EPUB editions XeLaTeX, fonts and checkers from Debian
# (make print-deps, scripts/install-print.sh, installs them when run as root).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
NPM_STAMP := node_modules/.package-lock.json
SPHINXOPTS ?= -W --keep-going -n
# Reproducible output (figures' metadata, the copyright year): the commit's own time.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 1767225600)
export PYTHONHASHSEED := 0
export MPLBACKEND := Agg

.DEFAULT_GOAL := help
.PHONY: help venv test lint typecheck unit machinery docs docs-ko docs-en doctest serve \
        bench bench-docs translations lock browser-deps print-deps clean test-bounds \
        pdf pdf-ko pdf-en epub epub-ko epub-en

help:  ## List the targets.
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

$(STAMP): requirements/dev.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/dev.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $@

venv: $(STAMP)  ## Create or refresh .venv from the pins.

lint: $(STAMP)  ## ruff (lint, format) and deptry (every import is a declared dependency).
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/deptry .
	$(BIN)/deptry src --ignore DEP002

typecheck: $(STAMP)  ## mypy --strict on src, tests, benchmarks, scripts, docs/_ext and conf.py.
	$(BIN)/mypy

unit: $(STAMP)  ## pytest: the library's tests and its docstring examples.
	$(BIN)/pytest tests/lib src/activation_functions

machinery: $(STAMP) $(NPM_STAMP)  ## pytest: the site machinery's tests and docstring examples (docs/_ext).
	$(BIN)/pytest tests/course_site docs/_ext

test: lint typecheck unit test-bounds machinery docs doctest browser-deps pdf epub  ## Everything that checks the project.
	$(BIN)/pytest -n auto --dist loadfile tests/docs tests/browser tests/books

browser-deps:  ## Debian chromium and a Hangul font for the browser tests (apt-get, as root).
	sh scripts/install-browser.sh

print-deps:  ## Debian XeLaTeX, fonts, epubcheck and poppler for the books (apt-get, as root).
	sh scripts/install-print.sh

bench: $(STAMP)  ## Speed ratios against a copy, SciPy, plain NumPy (and torch if installed).
	$(BIN)/python benchmarks/bench_activations.py

# The library's tests with the lowest versions pyproject allows (uv's
# lowest-direct resolution, on the oldest Python claimed) and with the newest
# versions on each newer Python claimed, each in its own venv under
# build/bounds/ (never .venv). The classifiers must name exactly these Pythons;
# a missing interpreter stops the target with what to install.
LOWEST_PYTHON := 3.11
NEWER_PYTHONS := 3.12 3.13
UV_VERSION    := 0.13.8

build/uv/bin/uv:
	$(PYTHON) -m pip install --quiet --target build/uv uv==$(UV_VERSION)

test-bounds: build/uv/bin/uv  ## Library tests at the lowest allowed versions, and on every newer Python claimed.
	@$(PYTHON) -c "import re, sys, tomllib; c = tomllib.load(open('pyproject.toml', 'rb'))['project']['classifiers']; \
	  got = sorted(m.group(1) for m in map(re.compile(r'Programming Language :: Python :: (3\.\d+)$$').match, c) if m); \
	  want = sorted('$(LOWEST_PYTHON) $(NEWER_PYTHONS)'.split()); \
	  sys.exit(0 if got == want else f'classifiers name Python {got}, make test-bounds tests {want}')"
	sh scripts/test-bounds.sh lowest $(LOWEST_PYTHON)
	@for version in $(NEWER_PYTHONS); do sh scripts/test-bounds.sh newest $$version || exit 1; done

# ---- The course site ---------------------------------------------------------
# Sphinx + MyST-NB + sphinx-book-theme; conf.py at the top, pages in docs/.
# KaTeX (renders the math at build time, ships its CSS and fonts) comes from
# npm: `npm ci` installs the version pinned in package-lock.json. Each language
# builds into build/html/<language>/ with its own doctrees and notebook cache;
# build/html/index.html sends a reader to the edition they prefer. Korean is
# the source; the other editions come from locale/<language>/LC_MESSAGES/*.po.
DOCS_LANGUAGES := ko en
TRANSLATION_LANGUAGES := $(filter-out ko,$(DOCS_LANGUAGES))
# Python with the site's machinery (docs/_ext/course_site) importable: the
# tools below are its modules. course_site.sphinx_command writes the one
# sphinx-build command line (-c . docs, build/doctrees/<language>, ...).
SITE_PYTHON    := PYTHONPATH=$(CURDIR)/docs/_ext $(BIN)/python
SPHINX_COMMAND := $(SITE_PYTHON) -m course_site.sphinx_command

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	@touch $@

docs: $(addprefix docs-,$(DOCS_LANGUAGES)) build/html/index.html  ## Build the site into build/html/<language>/ (a warning fails).

define docs_language
docs-$(1): $(STAMP) $(NPM_STAMP)
	$$(SPHINX_COMMAND) html $(1) $$(SPHINXOPTS)
endef
$(foreach language,$(DOCS_LANGUAGES),$(eval $(call docs_language,$(language))))

# The books: one PDF and one EPUB per edition, from the same pages with the
# same doctrees and notebook cache as the site (so the site is built first:
# a book then reads no page again and runs no notebook). course_site.book_command
# runs Sphinx's LaTeX or EPUB builder, then latexmk (XeLaTeX) for the PDF.
BOOK_COMMAND := $(SITE_PYTHON) -m course_site.book_command

pdf: $(addprefix pdf-,$(DOCS_LANGUAGES))  ## The PDF of each edition: build/pdf/<language>/activation-functions.pdf.

epub: $(addprefix epub-,$(DOCS_LANGUAGES))  ## The EPUB of each edition: build/epub/<language>/activation-functions.epub.

define book_language
pdf-$(1): docs-$(1) print-deps
	$$(BOOK_COMMAND) pdf $(1) $$(SPHINXOPTS)

epub-$(1): docs-$(1) print-deps
	$$(BOOK_COMMAND) epub $(1) $$(SPHINXOPTS)
endef
$(foreach language,$(DOCS_LANGUAGES),$(eval $(call book_language,$(language))))

build/html/index.html: docs/_templates/root-index.html
	@mkdir -p $(@D)
	cp $< $@

doctest: $(STAMP) $(NPM_STAMP)  ## Run every >>> example on the pages and in the API reference.
	$(SPHINX_COMMAND) doctest ko $(SPHINXOPTS)

# Both editions and the root page, served from build/html; every save rebuilds
# the editions (sphinx-autobuild's builder and reloader, scripts/serve.py).
serve: $(STAMP) $(NPM_STAMP)  ## Serve the site (all editions) on http://127.0.0.1:8000, rebuilt on every save.
	$(SITE_PYTHON) scripts/serve.py --host 127.0.0.1 --port 8000 $(addprefix -l ,$(DOCS_LANGUAGES))

# Extract the messages (gettext builder, build/gettext/<page>.pot) and merge
# them into locale/<language>/LC_MESSAGES/<page>.po: new messages arrive empty,
# changed ones fuzzy, messages without Hangul are filled in; running it again
# changes nothing.
translations: $(STAMP) $(NPM_STAMP)  ## Update the catalogs after a change to the Korean pages.
	$(SITE_PYTHON) -m course_site.translation_catalogs $(addprefix -l ,$(TRANSLATION_LANGUAGES))

LIGHTHOUSE_STAMP := benchmarks/lighthouse/node_modules/.package-lock.json

$(LIGHTHOUSE_STAMP): benchmarks/lighthouse/package.json benchmarks/lighthouse/package-lock.json
	cd benchmarks/lighthouse && npm ci --no-audit --no-fund
	@touch $@

bench-docs: $(STAMP) $(NPM_STAMP) $(LIGHTHOUSE_STAMP) browser-deps docs  ## Build times (cold, no change, prose edit) and Lighthouse scores.
	$(SITE_PYTHON) benchmarks/bench_docs.py
	$(BIN)/python benchmarks/bench_lighthouse.py

UV := PYTHONPATH=build/uv build/uv/bin/uv
LOCK_OPTIONS := --extra plot --python-version 3.11 --generate-hashes --custom-compile-command "make lock"

lock: build/uv/bin/uv  ## Regenerate requirements/*.txt from pyproject.toml (needs network to PyPI).
	$(UV) pip compile pyproject.toml --group dev $(LOCK_OPTIONS) -o requirements/dev.txt
	$(UV) pip compile pyproject.toml --group docs $(LOCK_OPTIONS) -o requirements/docs.txt

clean:  ## Remove build outputs and caches (keeps .venv).
	rm -rf build .jupyter_cache .pytest_cache .mypy_cache .ruff_cache .hypothesis
