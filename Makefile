# The two commands of the README's quick start: `make run` and `make test`.
# Both create .venv (once), install cramptext with the pinned dependencies in
# constraints.txt, then do their job. The install is a wheel, as `pip install
# cramptext` gives a user (not editable), redone when a source or rule file changes.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
OUT ?= out
STAMP := $(VENV)/.cramptext-installed
SOURCES := $(shell find cramptext rules -type f \( -name '*.py' -o -name '*.yaml' -o -name '*.json' -o -name '*.j2' -o -name '*.css' -o -name '*.js' \) 2>/dev/null)

.PHONY: run test browser bench clean

$(STAMP): pyproject.toml setup.py constraints.txt $(SOURCES)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=23"
	rm -rf build  # an old build/ folder would put deleted modules into the wheel
	$(BIN)/python -m pip install --quiet -c constraints.txt ".[test]"
	@touch $(STAMP)

# The main job: one pass over corpus/ writes the SQLite export, the cleaned texts and the
# editors' HTML report, then prints the lint summary and where each output went.
run: $(STAMP)
	@mkdir -p $(OUT)
	$(BIN)/cramptext export corpus/ -o $(OUT)/cramptext.sqlite --cleaned $(OUT)/clean --report $(OUT)/report.html

# pytest's own script, not `python -m pytest`: the tests import the installed
# cramptext, not the checkout's folder.
test: $(STAMP) browser
	$(BIN)/pytest -q

# The HTML report's browser test drives Debian's chromium (never a browser download).
# Installed here when missing and apt-get can; otherwise that test skips and says why.
browser:
	@sh .ci/install-chromium

# Whole-process timings and peak memory of `cramptext export` against bare spaCy and
# itself (benchmarks/bench_corpus.py); options through BENCH_ARGS, e.g.
# make bench BENCH_ARGS="--rounds 1 --only speed,memory".
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_corpus.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) $(OUT)
