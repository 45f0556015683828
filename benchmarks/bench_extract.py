"""Throughput and memory of `cramptext extract` against bare spaCy.

Baseline: ``nlp.pipe`` of the full en_core_web_sm pipeline (all components,
NER included) over the same texts. Speed: both run in this process, one after
the other, and the words per second and their ratio are printed. Memory: each
also runs alone in a fresh child process whose peak resident size (loading the
pipeline included) is compared, since Python's allocation tracing cannot see
all of spaCy's native memory.

    python benchmarks/bench_extract.py [--repeat N] [PATH ...]
"""
from __future__ import annotations

import argparse
import gc
import resource
import subprocess
import sys
import time
from pathlib import Path

import spacy

from cramptext.checks import load_rules
from cramptext.engine import Engine
from cramptext.io import Document, discover, read_document
from cramptext.nlp.model import resolve_model_name
from cramptext.nlp.pipeline import cached_pipeline

REPO = Path(__file__).resolve().parents[1]


def load_texts(paths: list[str], repeat: int) -> list[Document]:
    docs = [read_document(p) for p in discover(paths) if isinstance(p, str)]
    return [Document(f"{d.source}#{i}", d.text) for i in range(repeat) for d in docs]


def run_baseline(nlp, docs):
    for _ in nlp.pipe((d.text for d in docs), batch_size=16):
        pass


def run_cramptext(engine, docs):
    for _ in engine.run(docs):
        pass


def measure(fn, *args) -> float:
    gc.collect()
    t0 = time.perf_counter()
    fn(*args)
    return time.perf_counter() - t0


def peak_rss_mib(mode: str, args) -> float:
    """Peak resident memory of a child process running one side alone."""
    cmd = [sys.executable, __file__, "--only", mode, "--repeat", str(args.repeat), *args.paths]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return int(out.split()[-1]) / 1024  # the child prints its ru_maxrss, in KiB on Linux


def run_only(mode: str, docs) -> None:
    if mode == "baseline":
        run_baseline(spacy.load(resolve_model_name()), docs)
    else:
        run_cramptext(Engine(cached_pipeline(), [r for r in load_rules() if r.category == "phrasing"],
                             checks=False), docs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=[str(REPO / "corpus")])
    parser.add_argument("--repeat", type=int, default=5, help="times the texts are repeated (default 5)")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds per side; the best counts (default 3)")
    parser.add_argument("--only", choices=("baseline", "cramptext"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    docs = load_texts(args.paths, args.repeat)
    if args.only:
        run_only(args.only, docs)
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
        return
    words = sum(len(d.text.split()) for d in docs)
    # Memory first, while this process is still small: Linux carries a parent's
    # peak RSS over into its children's figure.
    base_mb = peak_rss_mib("baseline", args)
    ct_mb = peak_rss_mib("cramptext", args)
    model = resolve_model_name()
    baseline_nlp = spacy.load(model)  # the full pipeline, NER included
    analyzer = Engine(cached_pipeline(), [r for r in load_rules() if r.category == "phrasing"], checks=False)
    # Warm both up (lazy pattern building, caches).
    run_baseline(baseline_nlp, docs[:2])
    run_cramptext(analyzer, docs[:2])
    # Best of several interleaved rounds: the least disturbed run of each side.
    base_s, ct_s = float("inf"), float("inf")
    for _ in range(args.rounds):
        base_s = min(base_s, measure(run_baseline, baseline_nlp, docs))
        ct_s = min(ct_s, measure(run_cramptext, analyzer, docs))
    base_wps, ct_wps = words / base_s, words / ct_s
    print(f"texts: {len(docs)} documents, {words} words; model {model}")
    print(f"baseline  nlp.pipe (full {model}): {base_wps:10.0f} words/s  peak RSS {base_mb:7.1f} MiB")
    print(f"cramptext extract                : {ct_wps:10.0f} words/s  peak RSS {ct_mb:7.1f} MiB")
    print(f"ratio cramptext/baseline         : speed {ct_wps / base_wps:.2f}x  memory {ct_mb / base_mb:.2f}x")


if __name__ == "__main__":
    main()
