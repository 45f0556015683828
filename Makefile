# The two commands of the README's quick start: `make run` and `make test`.
# Both create .venv (once), install cramptext with the pinned dependencies in
# constraints.txt, then do their job.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
OUT ?= out
STAMP := $(VENV)/.cramptext-installed

.PHONY: run test bench clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=23"
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test]"
	@touch $(STAMP)

run: $(STAMP)
	@mkdir -p $(OUT)
	$(BIN)/cramptext extract corpus/ --format jsonl --output $(OUT)/claims.jsonl
	$(BIN)/cramptext lint corpus/ --format jsonl --exit-zero --output $(OUT)/findings.jsonl
	$(BIN)/cramptext fix corpus/ --output-dir $(OUT)/clean
	$(BIN)/cramptext export corpus/ --db $(OUT)/cramptext.sqlite
	$(BIN)/cramptext extract corpus/ --format table

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_extract.py

clean:
	rm -rf $(VENV) $(OUT)
