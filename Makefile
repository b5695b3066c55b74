# Every chore in one place. `make demo` and `make test` do all set-up on a fresh machine.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
DB     ?= cronaca.db
CORPUS ?= $(wildcard ../shared/seeds)

.PHONY: demo seeds test test-fast eval eval-facts lint serve bench resources clean

$(BIN)/cronaca: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(BIN)/cronaca

## demo: install, ingest the seeds (../shared/seeds; the bundled demo corpus where they are absent)
##       into $(DB), print the timeline and the web UI URL
demo: $(BIN)/cronaca
	$(BIN)/cronaca --db $(DB) demo $(if $(CORPUS),--corpus $(CORPUS))

## seeds: the same run on ../shared/seeds/
seeds: $(BIN)/cronaca
	$(BIN)/cronaca --db seeds.db demo --corpus ../shared/seeds

## test: install everything (incl. Debian chromium and postgresql for the tests) and run the whole suite
test: $(BIN)/cronaca
	bash scripts/install-system-deps.sh
	$(BIN)/python -m pytest -q

test-fast: $(BIN)/cronaca
	$(BIN)/python -m pytest -q -m "not browser"

## eval: the evaluation gate alone (scores on ../shared/data must not drop below eval/baseline.json)
eval: $(BIN)/cronaca
	$(BIN)/python -m pytest -q tests/test_evaluation_gate.py

## eval-facts: realnews-dev facts found, their checks, same-claim groups and hand-judged precision
eval-facts: $(BIN)/cronaca
	$(BIN)/cronaca eval facts ../shared/data/realnews-dev/gold.yaml ../shared/data/realnews-dev/articles \
		--judgements eval/judgements/realnews-dev.yaml

lint: $(BIN)/cronaca
	$(BIN)/ruff check src tests scripts

serve: $(BIN)/cronaca
	$(BIN)/cronaca --db $(DB) serve

## bench: ingest + extract throughput and peak memory on a corpus (BENCH=path)
bench: $(BIN)/cronaca
	$(BIN)/python scripts/benchmark.py $(or $(BENCH),../shared/data/dice-italian-crime-news/dice_texts.jsonl)

resources: $(BIN)/cronaca
	$(BIN)/python scripts/build_resources.py
	$(BIN)/python scripts/build_geo.py

clean:
	rm -rf $(VENV) *.egg-info src/*.egg-info .pytest_cache
