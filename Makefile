# bilateral-kg — the two commands users run: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
KG     := $(VENV)/bin/kg
SHARED ?= ../shared
OUT    ?= out

.PHONY: lint seeds-manifest run test test-fast eval bench bench-views bench-query test-deps clean help screenshots

help:
	@echo "make run    build seeds/ into $(OUT)/ (creates $(VENV) and installs everything)"
	@echo "make test   run the test suite (installs the test extras and system tools if needed)"
	@echo "make test-fast  the tests not marked slow"
	@echo "make lint   ruff check, ruff format --check and mypy (make test runs them first)"
	@echo "make eval   score extraction on dev, dev2 and the seeds (needs $(SHARED))"
	@echo "make screenshots  retake the README's docs/*.png from a fresh build of seeds/"

# The venv is rebuilt only when pyproject.toml changes. (setuptools' notice that an editable
# install lets a folder named like the package shadow it is silenced: that is what we want.)
QUIET_BUILD := PYTHONWARNINGS=ignore::UserWarning
$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(QUIET_BUILD) $(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(QUIET_BUILD) $(PY) -m pip install --quiet -e '.[test]'
	touch $@

run: $(VENV)/.installed
	$(KG) build seeds --out $(OUT)

# System tools the browser and triple-store tests use (Debian packages); best effort:
# the tests that need them say why they skip when they cannot be had.
test-deps:
	@sh tests/install-system-deps.sh

# The checks CI runs before the tests: lint (pyflakes, McCabe 15 in kg/), formatting, types
lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check kg tests benchmarks
	$(VENV)/bin/mypy

# pytest keeps its assertion-rewritten test modules in __pycache__ (git-ignored): with
# PYTHONDONTWRITEBYTECODE set, as on some machines, every run rewrote them again (~5 s CPU)
TEST_ENV := PYTHONDONTWRITEBYTECODE=

test: $(VENV)/.installed-test test-deps lint
	$(TEST_ENV) $(PY) -m pytest -q

# The tests not marked slow (no whole-corpus builds, no big browser pages, no model).
test-fast: $(VENV)/.installed-test
	$(TEST_ENV) KG_TEST_FAST=1 $(PY) -m pytest -q -m "not slow"

eval: $(VENV)/.installed
	$(PY) -m kg.evaluate.report $(SHARED)

# HTML views: page size, build time, first paint in Chromium at the seeds' size, 100 / 1,000 /
# 5,000 nodes and 10^5 articles (about 15 min)
bench-views: $(VENV)/.installed-test
	$(PY) benchmarks/bench_views.py --out .bench/views

# The README's screenshots (docs/*.png) of the views of a fresh build of seeds/
screenshots: $(VENV)/.installed-test test-deps
	$(PY) benchmarks/bench_views.py --screenshots docs

# Named queries on synthetic graphs of 10^4, 10^5, 10^6 triples, rdflib vs Oxigraph
# (graphs cached in .bench/; the table goes to .bench/bench-query.md). Takes ~30 min.
bench-query: $(VENV)/.installed
	$(PY) benchmarks/bench_query.py

# Build throughput: raw spaCy nlp.pipe vs the full kg build (and an update of +1%) at 100,
# 1,000 and 10,000 articles, 1 and 2 processes; figures printed (about 1 h 30 on 2 cores).
# BENCH_ARGS="--sizes 100 1000 --workers 2" for a shorter run.
bench: $(VENV)/.installed
	$(PY) benchmarks/bench_build.py --out .bench/build --dev $(SHARED)/corpus/dev/articles.jsonl $(BENCH_ARGS)

# The checksums of every file of the seeds build (tests/test_seeds_build.py compares them):
# rewrite them after a change that alters the output on purpose
seeds-manifest: $(VENV)/.installed
	rm -rf .bench/seeds-manifest
	$(KG) build seeds --out .bench/seeds-manifest --no-cache --quiet
	cd .bench/seeds-manifest && find . -type f -not -path './.kg-cache/*' | sed 's|^\./||' \
	  | LC_ALL=C sort | xargs sha256sum > $(CURDIR)/tests/data/seeds-build.sha256

clean:
	rm -rf $(OUT) .bench
