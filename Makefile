# The only task runner.  `make html` and `make test` are the README's contract: each sets up
# .venv from the pinned requirements.lock on its own, on a fresh machine.

PYTHON3 ?= python3
VENV    := .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed
RAW     ?= raw
CONTENT ?= content
OUTPUT  ?= output
PORT    ?= 8000
EVAL    ?= ../shared/eval

.PHONY: html ingest build publish offline serve test lint pytest fuzz chromium java clean lock regen-golden help eval eval-cv bench bench-quick bench-search mutate coverage

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

# A new plugin package needs the editable install again (its import name is mapped at install).
$(STAMP): requirements.lock pyproject.toml $(wildcard plugins/pelican/plugins/*/__init__.py)
	test -x $(PY) || $(PYTHON3) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

html: ingest build  ## set up .venv, ingest raw/ into content/, build the site into output/

ingest: $(STAMP)  ## normalise raw/ into content/articles/
	$(PY) -m briefing ingest $(RAW) --out $(CONTENT)

build: $(STAMP)  ## build content/ into output/ (replaced only when the build succeeds)
	$(PY) -m briefing build --content $(CONTENT) --output $(OUTPUT) --settings pelicanconf.py

publish: ingest $(STAMP)  ## build the hosted site with publishconf.py
	$(PY) -m briefing build --content $(CONTENT) --output $(OUTPUT) --settings publishconf.py

offline: ingest $(STAMP)  ## the offline copy: dist/<site>-offline/ and dist/<site>-offline-<date>.zip, from the hosted build (output/, brought up to date first)
	$(PY) -m briefing offline --content $(CONTENT) --output $(OUTPUT) --settings pelicanconf.py --dist dist

serve: $(STAMP)  ## the site on 127.0.0.1:$(PORT) with its 404 page; ingests and rebuilds when raw/ or content/ changes
	$(PY) -m briefing.serve --raw $(RAW) --content $(CONTENT) --output $(OUTPUT) --settings pelicanconf.py --port $(PORT)

bench: $(STAMP)  ## benchmarks at 1k and 10k vs vanilla Pelican and Hugo (~30 min; bench/results/latest.md)
	$(PY) -m bench.run --full

bench-quick: $(STAMP)  ## benchmarks at 1k only (under 3 minutes)
	$(PY) -m bench.run --quick

bench-search: $(STAMP) chromium  ## search at 10k and 100k articles: index time and memory, bytes per query (~40 min)
	$(PY) -m bench.bench_search --sizes 10000 100000

test: $(STAMP) chromium java node_modules/.installed lint pytest  ## set up .venv, Chromium and Java, run ruff, mypy and pytest

lint: $(STAMP)  ## ruff (lint and format check) and mypy
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy briefing plugins pelicanconf.py offlineconf.py

pytest: $(STAMP)
	$(PY) -m pytest

fuzz: $(STAMP)  ## fuzz ingest with 10,000 mutated dumps, HTML and JSON inputs (FUZZ_EXAMPLES=...)
	FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-10000} $(PY) -m pytest tests/test_fuzz.py -q -s -p no:cacheprovider

chromium:  ## Debian's Chromium for the browser tests (installed when missing and root)
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "Browser tests need Debian's Chromium at /usr/bin/chromium: run 'sudo apt-get install chromium'" >&2; exit 1; fi

java:  ## Debian's Java runtime for the W3C Nu HTML checker (vnu-jar) in the tests
	@if command -v java >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; \
	else echo "The HTML checker needs Java: run 'sudo apt-get install default-jre-headless'" >&2; exit 1; fi

node_modules/.installed: package.json package-lock.json  ## axe-core and vnu-jar for the tests, exact versions from package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Mutation testing of the modules that guard the archive's data: setup.cfg [mutmut] lists them
# and the tests that may kill their mutants (mutmut runs, per mutant, only the tests that call
# the mutated function); tests/mutation/equivalent.toml lists the equivalent mutants.  A clean
# run each time (mutmut keeps results in mutants/ and would skip unchanged functions).
# MUTANTS narrows it: make mutate MUTANTS='briefing.slug.*'.
MUTANTS    ?=
MUTATE_MIN ?= 90
mutate: $(STAMP)  ## mutation score per data-guarding module and the surviving mutants (setup.cfg [mutmut])
	rm -rf mutants
	$(VENV)/bin/mutmut run $(MUTANTS)
	$(PY) -m tests.mutation.report --min $(MUTATE_MIN)

# Branch coverage of briefing/ and plugins/ over the whole suite, Pelican's subprocesses counted:
# coverage's .pth (installed into .venv with the package from requirements.lock) starts it in
# every Python process when COVERAGE_PROCESS_START names the config ([tool.coverage] in
# pyproject.toml).
COVERAGE_PTH := $(VENV)/lib/python3.11/site-packages/a1_coverage.pth
coverage: $(STAMP) chromium node_modules/.installed  ## branch coverage over the whole suite, Pelican's subprocesses counted
	@test -f $(COVERAGE_PTH) || { echo "$(COVERAGE_PTH) is missing: reinstall coverage into .venv" >&2; exit 1; }
	rm -f .coverage .coverage.*
	COVERAGE_PROCESS_START=$(CURDIR)/pyproject.toml COVERAGE_FILE=$(CURDIR)/.coverage $(PY) -m pytest -q
	$(PY) -m coverage combine -q
	$(PY) -m coverage report
	$(PY) -m coverage json -q -o $(CURDIR)/.coverage.json
	$(PY) -m tests.coverage_total $(CURDIR)/.coverage.json

eval: $(STAMP)  ## score the real ingest of DATA's NNN.txt and NNN.html.gz (make eval DATA=../shared/eval/dev-aeb)
	@test -n "$(DATA)" || { echo "usage: make eval DATA=<folder with NNN.txt, NNN.html.gz, NNN.json>" >&2; exit 2; }
	$(PY) -m bench.eval_extract $(DATA)

eval-cv: $(STAMP)  ## publisher-level cross-validation: dev-fundus by halves of publishers, dev-aeb (EVAL=../shared/eval)
	$(PY) -m bench.cv_extract --fundus $(EVAL)/dev-fundus --aeb $(EVAL)/dev-aeb

regen-golden: $(STAMP)  ## rewrite the golden files under tests/golden/ (review the diff)
	$(PY) -m tests.regen_golden

lock:  ## re-pin requirements.lock from the current .venv (after changing pyproject.toml)
	$(PY) -m pip freeze --exclude-editable | sed '1i # Exact versions of every package make installs into .venv (direct and transitive).\n# Regenerate with: make lock' > requirements.lock

clean:  ## remove build output and caches (keeps .venv and content/)
	rm -rf $(OUTPUT) $(OUTPUT).tmp-* dist .pytest_cache .mypy_cache .ruff_cache __pycache__ */__pycache__
