# Two commands do all set-up on a fresh machine: `make report` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
UV_VERSION := 0.13.9
STAMP  := $(VENV)/.installed

.PHONY: env report test bench bench-scale clean-env lock model validation

env: $(STAMP)

# Hash-locked install (requirements.lock); uv is ~10x faster than pip here. Bytecode is
# compiled at install, as pip does (uv does not by default): with PYTHONDONTWRITEBYTECODE set,
# every command would otherwise compile spaCy, pandas and dask from source, ~1-2.5 s per process.
$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv pip sync --quiet --python $(BIN)/python --require-hashes --compile-bytecode requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps --no-build-isolation -e .
	$(BIN)/python -m compileall -q framing
	touch $(STAMP)

report: env
	$(BIN)/framing report

# Lint (ruff, config in pyproject.toml), then the tests and every module's doctests.
test: env
	$(BIN)/ruff check framing tests benchmarks
	$(BIN)/python -m pytest -q

bench: env
	$(BIN)/python benchmarks/run_all.py

# Every stage at 30,000 and 100,000 recombined articles (long: not part of `make bench`).
# SCALE_ARGS="--sizes 30000 --work /tmp/scale" keeps the corpora for re-runs.
bench-scale: env
	$(BIN)/python benchmarks/scale_recombined.py $(SCALE_ARGS)

# Re-train the shipped actor-sentiment model from ../shared NewsMTSC train.jsonl.
model: env
	$(BIN)/python -m framing train-sentiment

# Re-measure the validation table the reports show (framing/models/validation.json) on the
# ../shared news gold; run after any change to actors, terms, cues or sentiment.
validation: env
	$(BIN)/python -m framing.trust refresh $${FRAMING_SHARED:-../shared}/data/news_gold/dev.jsonl > /dev/null

lock: env
	$(BIN)/uv pip compile pyproject.toml --extra test --generate-hashes --python-version 3.11 -o requirements.lock

clean-env:
	rm -rf $(VENV)
