"""What a process needs to build the engine: ``EngineSpec``, small and picklable, so worker
processes and Dask workers each build the same engine once (and load the model once)."""
from __future__ import annotations

import gc
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable

from ..results import DocumentResult


@dataclass(frozen=True)
class EngineSpec:
    model: str | None = None  # None: the default model (nlp.model.resolve_model_name)
    rule_dirs: tuple[str, ...] = ()  # extra rule folders, besides the shipped rules
    codes: tuple[str, ...] = ()  # the rules to run
    claims: bool = True
    checks: bool = True
    max_grade: float | None = None
    every_topic: bool = False
    chunk_chars: int | None = None  # the engine's largest piece; None: its default
    corpus_codes: tuple[str, ...] = ()  # those of ``codes`` that compare documents (run in order, here)


def _rules(spec: EngineSpec):
    from ..checks.catalog import rule_catalog  # the rules as the last run kept them: no YAML read again

    wanted = set(spec.codes)
    rules, _ = rule_catalog([Path(d) for d in spec.rule_dirs])
    return [r for r in rules if r.code in wanted]


@lru_cache(maxsize=2)
def engine_for_spec(spec: EngineSpec):
    """This process's engine for ``spec``, built (and the model loaded) on first use."""
    from ..engine import CHUNK_CHARS, Engine
    from ..knowledge import load_knowledge
    from ..nlp.pipeline import cached_pipeline

    engine = Engine(cached_pipeline(spec.model, None), _rules(spec), knowledge=load_knowledge(), claims=spec.claims,
                    checks=spec.checks, max_grade=spec.max_grade, every_topic=spec.every_topic,
                    chunk_chars=spec.chunk_chars or CHUNK_CHARS)
    # The engine (the model, the lexicon and the matchers: most of the heap) lives as long as the
    # process, in this cache: its objects leave the collector's generations, so the full
    # collections that the parses' many objects trigger no longer walk them (a third of GC time).
    gc.freeze()
    return engine


def corpus_checker(spec: EngineSpec) -> Callable[[DocumentResult], DocumentResult]:
    """The checks across documents, fresh for this run: a function to call on each result in input
    order (the identity when none is selected; then no model or vocabulary is needed here)."""
    if not (spec.checks and spec.corpus_codes):
        return lambda result: result
    from ..checks import CHECKS, CheckContext
    from ..checks.corpus import CorpusChecks
    from ..knowledge import load_knowledge

    corpus = set(spec.corpus_codes)
    # these checks read claims, not parses: no vocabulary or tokenizer
    context = CheckContext(None, None, load_knowledge().lexicon, spec.max_grade)
    return CorpusChecks([CHECKS[r.kind](r, context) for r in _rules(spec) if r.code in corpus], spec.every_topic)
