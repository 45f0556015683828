"""Throughput and memory of `cramptext extract` against bare spaCy, in one process.

Baseline: ``nlp.pipe`` of the full en_core_web_sm pipeline (all components,
NER included) over the same texts. Prints words per second for both, the
ratio, and the peak Python memory of each run (tracemalloc) and its ratio.

    python benchmarks/bench_extract.py [--repeat N] [PATH ...]
"""
from __future__ import annotations

import argparse
import gc
import time
import tracemalloc
from pathlib import Path

import spacy

from cramptext.analysis import Analyzer
from cramptext.documents import Document, discover, read_document
from cramptext.model import resolve_model_name
from cramptext.pipeline import cached_pipeline
from cramptext.rules import load_rules

REPO = Path(__file__).resolve().parents[1]


def load_texts(paths: list[str], repeat: int) -> list[Document]:
    docs = [read_document(p) for p in discover(paths) if isinstance(p, str)]
    return [Document(f"{d.source}#{i}", d.text) for i in range(repeat) for d in docs]


def run_baseline(nlp, docs):
    for _ in nlp.pipe((d.text for d in docs), batch_size=16):
        pass


def run_cramptext(analyzer, docs):
    for _ in analyzer.run(docs):
        pass


def measure(fn, *args) -> tuple[float, float]:
    """(seconds, peak MiB): timed without tracemalloc, then traced in a second run."""
    gc.collect()
    t0 = time.perf_counter()
    fn(*args)
    seconds = time.perf_counter() - t0
    gc.collect()
    tracemalloc.start()
    fn(*args)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return seconds, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=[str(REPO / "corpus")])
    parser.add_argument("--repeat", type=int, default=5, help="times the texts are repeated (default 5)")
    args = parser.parse_args()
    docs = load_texts(args.paths, args.repeat)
    words = sum(len(d.text.split()) for d in docs)
    model = resolve_model_name()
    baseline_nlp = spacy.load(model)  # the full pipeline, NER included
    analyzer = Analyzer(cached_pipeline(), [r for r in load_rules() if r.category == "phrasing"], checks=False)
    # Warm both up (lazy pattern building, caches).
    run_baseline(baseline_nlp, docs[:2])
    run_cramptext(analyzer, docs[:2])
    base_s, base_mb = measure(run_baseline, baseline_nlp, docs)
    ct_s, ct_mb = measure(run_cramptext, analyzer, docs)
    base_wps, ct_wps = words / base_s, words / ct_s
    print(f"texts: {len(docs)} documents, {words} words; model {model}")
    print(f"baseline  nlp.pipe (full {model}): {base_wps:10.0f} words/s  peak {base_mb:7.1f} MiB")
    print(f"cramptext extract                : {ct_wps:10.0f} words/s  peak {ct_mb:7.1f} MiB")
    print(f"ratio cramptext/baseline         : speed {ct_wps / base_wps:.2f}x  memory {ct_mb / base_mb:.2f}x")


if __name__ == "__main__":
    main()
