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
EVAL    ?= /work/shared/eval

.PHONY: html ingest build publish offline serve test lint pytest chromium clean lock regen-golden help eval eval-cv bench bench-quick bench-search

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(STAMP): requirements.lock pyproject.toml
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

offline: ingest $(STAMP)  ## the offline copy: dist/<site>-offline/ and dist/<site>-offline-<date>.zip
	$(PY) -m briefing offline --content $(CONTENT) --settings offlineconf.py --dist dist

serve: $(STAMP)  ## Pelican's dev server on 127.0.0.1 with autoreload
	$(VENV)/bin/pelican $(CONTENT) -o $(OUTPUT) -s pelicanconf.py --autoreload --listen --bind 127.0.0.1 --port $(PORT)

bench: $(STAMP)  ## benchmarks at 1k and 10k vs vanilla Pelican and Hugo (~30 min; bench/results/latest.md)
	$(PY) -m bench.run --full

bench-quick: $(STAMP)  ## benchmarks at 1k only (under 3 minutes)
	$(PY) -m bench.run --quick

bench-search: $(STAMP) chromium  ## search at 10k and 100k articles: index time and memory, bytes per query (~40 min)
	$(PY) -m bench.bench_search --sizes 10000 100000

test: $(STAMP) chromium node_modules/.installed lint pytest  ## set up .venv and Chromium, run ruff, mypy and pytest

lint: $(STAMP)  ## ruff (lint and format check) and mypy
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy briefing plugins pelicanconf.py offlineconf.py

pytest: $(STAMP)
	$(PY) -m pytest

chromium:  ## Debian's Chromium for the browser tests (installed when missing and root)
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "Browser tests need Debian's Chromium at /usr/bin/chromium: run 'sudo apt-get install chromium'" >&2; exit 1; fi

node_modules/.installed: package.json package-lock.json  ## axe-core for the browser tests, exact versions from package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

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
